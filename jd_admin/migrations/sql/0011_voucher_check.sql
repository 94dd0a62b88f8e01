-- scoped
DROP TABLE IF EXISTS voucher_flags_found;
CREATE TEMPORARY TABLE voucher_flags_found (
	voucher_id INTEGER, 
	code VARCHAR(30), 
	rule_version VARCHAR(40)
);
WITH ruled AS 
(SELECT voucher.id AS id, voucher.citizen_id AS citizen_id, voucher.claimed_at AS claimed_at, voucher.redeemed_at AS redeemed_at, voucher.expires_at AS expires_at, voucher.claim_week AS claim_week, voucher.use_day AS use_day, voucher.use_week AS use_week, voucher.face_value >= anon_3.large_face_value AS large, anon_3.effective_from AS rule_from 
FROM voucher JOIN (SELECT usage_rule.effective_from AS effective_from, usage_rule.large_face_value AS large_face_value, lead(usage_rule.effective_from) OVER (ORDER BY usage_rule.effective_from) AS until 
FROM usage_rule) AS anon_3 ON anon_3.effective_from <= voucher.claim_day AND (anon_3.until IS NULL OR voucher.claim_day < anon_3.until) 
WHERE voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens)), 
counted AS 
(SELECT ruled.id AS id, ruled.rule_from AS rule_from, row_number() OVER (PARTITION BY ruled.citizen_id, ruled.claim_week ORDER BY ruled.claimed_at, ruled.id) AS claims, CASE WHEN ruled.large THEN sum(CASE WHEN ruled.large THEN 1 ELSE 0 END) OVER (PARTITION BY ruled.citizen_id, ruled.claim_week ORDER BY ruled.claimed_at, ruled.id) END AS large, CASE WHEN (ruled.redeemed_at IS NOT NULL) THEN row_number() OVER (PARTITION BY ruled.citizen_id, ruled.use_day ORDER BY ruled.redeemed_at, ruled.id) END AS day_uses, CASE WHEN (ruled.redeemed_at IS NOT NULL) THEN row_number() OVER (PARTITION BY ruled.citizen_id, ruled.use_week ORDER BY ruled.redeemed_at, ruled.id) END AS week_uses 
FROM ruled)
 INSERT INTO voucher_flags_found (voucher_id, code, rule_version) SELECT counted.id, 'WEEKLY_CLAIMS' AS anon_1, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_2 
FROM counted JOIN usage_rule ON usage_rule.effective_from = counted.rule_from 
WHERE counted.claims > usage_rule.weekly_claim_limit UNION ALL SELECT counted.id, 'WEEKLY_LARGE' AS anon_4, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_5 
FROM counted JOIN usage_rule ON usage_rule.effective_from = counted.rule_from 
WHERE counted.large > usage_rule.weekly_large_claim_limit UNION ALL SELECT counted.id, 'DAILY_USE' AS anon_6, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_7 
FROM counted JOIN usage_rule ON usage_rule.effective_from = counted.rule_from 
WHERE counted.day_uses > usage_rule.daily_use_cap UNION ALL SELECT counted.id, 'WEEKLY_USE' AS anon_8, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_9 
FROM counted JOIN usage_rule ON usage_rule.effective_from = counted.rule_from 
WHERE counted.week_uses > usage_rule.weekly_use_cap UNION ALL SELECT swept.id, 'MAX_HELD' AS anon_10, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_11 
FROM (SELECT events.id AS id, events.kind AS kind, events.rule_from AS rule_from, sum(events.delta) OVER (PARTITION BY events.citizen_id ORDER BY events.at, events.phase, events.id, events.kind) - 1 AS held 
FROM (SELECT ruled.citizen_id AS citizen_id, ruled.claimed_at AS at, 1 AS phase, ruled.id AS id, 0 AS kind, 1 AS delta, ruled.rule_from AS rule_from 
FROM ruled UNION ALL SELECT ruled.citizen_id AS citizen_id, CASE WHEN (ruled.redeemed_at IS NOT NULL AND ruled.redeemed_at < ruled.expires_at) THEN ruled.redeemed_at ELSE ruled.expires_at END AS at, CASE WHEN (CASE WHEN (ruled.redeemed_at IS NOT NULL AND ruled.redeemed_at < ruled.expires_at) THEN ruled.redeemed_at ELSE ruled.expires_at END = ruled.claimed_at) THEN 1 ELSE 0 END AS anon_12, ruled.id AS id, 1 AS anon_13, -1 AS anon_14, ruled.rule_from AS rule_from 
FROM ruled) AS events) AS swept JOIN usage_rule ON usage_rule.effective_from = swept.rule_from 
WHERE swept.kind = 0 AND swept.held >= usage_rule.max_held UNION ALL SELECT numbered.id, 'OVER_ISSUED' AS anon_15, '批次 ' || issuance_batch.code AS anon_16 
FROM (SELECT voucher.id AS id, voucher.batch_id AS batch_id, voucher.face_value AS face_value, row_number() OVER (PARTITION BY voucher.batch_id, voucher.face_value ORDER BY voucher.claimed_at, voucher.id) AS n 
FROM voucher 
WHERE voucher.batch_id IN (SELECT DISTINCT voucher_1.batch_id 
FROM voucher AS voucher_1 
WHERE voucher_1.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens))) AS numbered JOIN issuance_batch ON issuance_batch.id = numbered.batch_id LEFT OUTER JOIN batch_face_value ON batch_face_value.batch_id = numbered.batch_id AND batch_face_value.face_value = numbered.face_value 
WHERE numbered.n > coalesce(batch_face_value.count, 0) UNION ALL SELECT ruled.id, 'EXPIRED' AS anon_17, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_18 
FROM ruled JOIN usage_rule ON usage_rule.effective_from = ruled.rule_from 
WHERE ruled.redeemed_at IS NOT NULL AND ruled.redeemed_at > ruled.expires_at UNION ALL SELECT voucher.id, 'MIN_ORDER' AS anon_19, '面值表 ' || CAST(voucher.face_rule_from AS VARCHAR) AS anon_20 
FROM voucher 
WHERE voucher.redeemed_at IS NOT NULL AND voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens) AND voucher.order_amount < voucher.min_order UNION ALL SELECT voucher.id, 'PAID_MISMATCH' AS anon_21, '面值表 ' || CAST(voucher.face_rule_from AS VARCHAR) AS anon_20 
FROM voucher 
WHERE voucher.redeemed_at IS NOT NULL AND voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens) AND voucher.paid_amount != voucher.order_amount - voucher.face_value UNION ALL SELECT voucher.id, 'VENUE' AS anon_22, '定点场馆名录' AS anon_23 
FROM voucher 
WHERE voucher.redeemed_at IS NOT NULL AND voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens) AND NOT (EXISTS (SELECT * 
FROM (SELECT status_periods.venue_id AS venue_id, status_periods.start AS start, status_periods.until AS until 
FROM (SELECT venue_status_change.venue_id AS venue_id, venue_status_change.to_status AS to_status, venue_status_change.effective_at AS start, lead(venue_status_change.effective_at) OVER (PARTITION BY venue_status_change.venue_id ORDER BY venue_status_change.effective_at, venue_status_change.id) AS until 
FROM venue_status_change) AS status_periods 
WHERE status_periods.to_status = 'designated') AS designated_periods 
WHERE designated_periods.venue_id = voucher.venue_id AND designated_periods.start <= voucher.redeemed_at AND (designated_periods.until IS NULL OR designated_periods.until > voucher.redeemed_at))) UNION ALL SELECT voucher.id, 'VENUE' AS anon_24, '定点场馆名录' AS anon_23 
FROM voucher 
WHERE voucher.redeemed_at IS NOT NULL AND voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens) AND NOT (EXISTS (SELECT agreement.id 
FROM agreement 
WHERE agreement.venue_id = voucher.venue_id AND agreement.status IN ('in_force', 'expired', 'terminated') AND agreement.in_force_from <= voucher.use_day AND agreement.end_date >= voucher.use_day AND (agreement.terminated_on IS NULL OR agreement.terminated_on > voucher.use_day))) UNION ALL SELECT voucher.id, 'CLAIM_WINDOW' AS anon_25, '批次 ' || issuance_batch.code AS anon_26 
FROM voucher JOIN issuance_batch ON issuance_batch.id = voucher.batch_id 
WHERE voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens) AND (voucher.claimed_at < issuance_batch.claim_start OR voucher.claimed_at > issuance_batch.claim_end) UNION ALL SELECT anon_27.id, 'RESTRICTED_SPORT' AS anon_28, '专项券限制 ' || anon_27.code || ' ' || CAST(anon_27.effective_from AS VARCHAR) AS anon_29 
FROM (SELECT voucher.id AS id, voucher_restriction.kind AS kind, voucher_restriction.value AS value, voucher_restriction.code AS code, voucher_restriction.effective_from AS effective_from, voucher.sport AS sport, voucher.citizen_group AS citizen_group, voucher.redeemed_at AS redeemed_at 
FROM voucher JOIN issuance_batch ON issuance_batch.id = voucher.batch_id JOIN voucher_restriction ON voucher_restriction.code = issuance_batch.restriction_code AND voucher_restriction.effective_from = (SELECT max(voucher_restriction_1.effective_from) AS max_1 
FROM voucher_restriction AS voucher_restriction_1 
WHERE voucher_restriction_1.effective_from <= voucher.claim_day AND voucher_restriction_1.code = issuance_batch.restriction_code) 
WHERE voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens)) AS anon_27 
WHERE anon_27.kind = 'sport' AND anon_27.redeemed_at IS NOT NULL AND coalesce(anon_27.sport, '') != anon_27.value UNION ALL SELECT anon_27.id, 'RESTRICTED_GROUP' AS anon_30, '专项券限制 ' || anon_27.code || ' ' || CAST(anon_27.effective_from AS VARCHAR) AS anon_29 
FROM (SELECT voucher.id AS id, voucher_restriction.kind AS kind, voucher_restriction.value AS value, voucher_restriction.code AS code, voucher_restriction.effective_from AS effective_from, voucher.sport AS sport, voucher.citizen_group AS citizen_group, voucher.redeemed_at AS redeemed_at 
FROM voucher JOIN issuance_batch ON issuance_batch.id = voucher.batch_id JOIN voucher_restriction ON voucher_restriction.code = issuance_batch.restriction_code AND voucher_restriction.effective_from = (SELECT max(voucher_restriction_1.effective_from) AS max_1 
FROM voucher_restriction AS voucher_restriction_1 
WHERE voucher_restriction_1.effective_from <= voucher.claim_day AND voucher_restriction_1.code = issuance_batch.restriction_code) 
WHERE voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens)) AS anon_27 
WHERE anon_27.kind = 'group' AND coalesce(anon_27.citizen_group, '') != anon_27.value;
UPDATE voucher_violation SET withdrawn_at=now() WHERE voucher_violation.cleared_at IS NULL AND voucher_violation.withdrawn_at IS NULL AND ((voucher_violation.voucher_id, voucher_violation.code) NOT IN (SELECT voucher_flags_found.voucher_id, voucher_flags_found.code 
FROM voucher_flags_found)) AND ((voucher_violation.code NOT IN ('OVER_ISSUED')) AND voucher_violation.voucher_id IN (SELECT voucher.id 
FROM voucher 
WHERE voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens)) OR voucher_violation.code IN ('OVER_ISSUED') AND voucher_violation.voucher_id IN (SELECT voucher.id 
FROM voucher 
WHERE voucher.batch_id IN (SELECT DISTINCT voucher_1.batch_id 
FROM voucher AS voucher_1 
WHERE voucher_1.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens))));
GET DIAGNOSTICS n = ROW_COUNT;
withdrawn := withdrawn + n;
UPDATE voucher_violation SET withdrawn_at=NULL WHERE voucher_violation.withdrawn_at IS NOT NULL AND (voucher_violation.voucher_id, voucher_violation.code) IN (SELECT voucher_flags_found.voucher_id, voucher_flags_found.code 
FROM voucher_flags_found);
GET DIAGNOSTICS n = ROW_COUNT;
added := added + n;
INSERT INTO voucher_violation (voucher_id, code, rule_version, detail, flagged_at) SELECT voucher_flags_found.voucher_id, voucher_flags_found.code, min(voucher_flags_found.rule_version) AS min_1, '' AS anon_1, now() AS now_1 
FROM voucher_flags_found 
WHERE NOT (EXISTS (SELECT * 
FROM voucher_violation 
WHERE voucher_violation.voucher_id = voucher_flags_found.voucher_id AND voucher_violation.code = voucher_flags_found.code)) GROUP BY voucher_flags_found.voucher_id, voucher_flags_found.code;
GET DIAGNOSTICS n = ROW_COUNT;
added := added + n;
SELECT count(*) AS count_1 
FROM (SELECT voucher.id AS id 
FROM voucher 
WHERE voucher.citizen_id IN (SELECT check_citizens.citizen_id 
FROM check_citizens)) AS anon_1
  INTO n;
checked := checked + n;
DROP TABLE voucher_flags_found;
-- whole ledger
DROP TABLE IF EXISTS voucher_flags_found;
CREATE TEMPORARY TABLE voucher_flags_found (
	voucher_id INTEGER, 
	code VARCHAR(30), 
	rule_version VARCHAR(40)
);
WITH ruled AS 
(SELECT voucher.id AS id, voucher.citizen_id AS citizen_id, voucher.claimed_at AS claimed_at, voucher.redeemed_at AS redeemed_at, voucher.expires_at AS expires_at, voucher.claim_week AS claim_week, voucher.use_day AS use_day, voucher.use_week AS use_week, voucher.face_value >= anon_3.large_face_value AS large, anon_3.effective_from AS rule_from 
FROM voucher JOIN (SELECT usage_rule.effective_from AS effective_from, usage_rule.large_face_value AS large_face_value, lead(usage_rule.effective_from) OVER (ORDER BY usage_rule.effective_from) AS until 
FROM usage_rule) AS anon_3 ON anon_3.effective_from <= voucher.claim_day AND (anon_3.until IS NULL OR voucher.claim_day < anon_3.until)), 
counted AS 
(SELECT ruled.id AS id, ruled.rule_from AS rule_from, row_number() OVER (PARTITION BY ruled.citizen_id, ruled.claim_week ORDER BY ruled.claimed_at, ruled.id) AS claims, CASE WHEN ruled.large THEN sum(CASE WHEN ruled.large THEN 1 ELSE 0 END) OVER (PARTITION BY ruled.citizen_id, ruled.claim_week ORDER BY ruled.claimed_at, ruled.id) END AS large, CASE WHEN (ruled.redeemed_at IS NOT NULL) THEN row_number() OVER (PARTITION BY ruled.citizen_id, ruled.use_day ORDER BY ruled.redeemed_at, ruled.id) END AS day_uses, CASE WHEN (ruled.redeemed_at IS NOT NULL) THEN row_number() OVER (PARTITION BY ruled.citizen_id, ruled.use_week ORDER BY ruled.redeemed_at, ruled.id) END AS week_uses 
FROM ruled)
 INSERT INTO voucher_flags_found (voucher_id, code, rule_version) SELECT counted.id, 'WEEKLY_CLAIMS' AS anon_1, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_2 
FROM counted JOIN usage_rule ON usage_rule.effective_from = counted.rule_from 
WHERE counted.claims > usage_rule.weekly_claim_limit UNION ALL SELECT counted.id, 'WEEKLY_LARGE' AS anon_4, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_5 
FROM counted JOIN usage_rule ON usage_rule.effective_from = counted.rule_from 
WHERE counted.large > usage_rule.weekly_large_claim_limit UNION ALL SELECT counted.id, 'DAILY_USE' AS anon_6, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_7 
FROM counted JOIN usage_rule ON usage_rule.effective_from = counted.rule_from 
WHERE counted.day_uses > usage_rule.daily_use_cap UNION ALL SELECT counted.id, 'WEEKLY_USE' AS anon_8, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_9 
FROM counted JOIN usage_rule ON usage_rule.effective_from = counted.rule_from 
WHERE counted.week_uses > usage_rule.weekly_use_cap UNION ALL SELECT swept.id, 'MAX_HELD' AS anon_10, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_11 
FROM (SELECT events.id AS id, events.kind AS kind, events.rule_from AS rule_from, sum(events.delta) OVER (PARTITION BY events.citizen_id ORDER BY events.at, events.phase, events.id, events.kind) - 1 AS held 
FROM (SELECT ruled.citizen_id AS citizen_id, ruled.claimed_at AS at, 1 AS phase, ruled.id AS id, 0 AS kind, 1 AS delta, ruled.rule_from AS rule_from 
FROM ruled UNION ALL SELECT ruled.citizen_id AS citizen_id, CASE WHEN (ruled.redeemed_at IS NOT NULL AND ruled.redeemed_at < ruled.expires_at) THEN ruled.redeemed_at ELSE ruled.expires_at END AS at, CASE WHEN (CASE WHEN (ruled.redeemed_at IS NOT NULL AND ruled.redeemed_at < ruled.expires_at) THEN ruled.redeemed_at ELSE ruled.expires_at END = ruled.claimed_at) THEN 1 ELSE 0 END AS anon_12, ruled.id AS id, 1 AS anon_13, -1 AS anon_14, ruled.rule_from AS rule_from 
FROM ruled) AS events) AS swept JOIN usage_rule ON usage_rule.effective_from = swept.rule_from 
WHERE swept.kind = 0 AND swept.held >= usage_rule.max_held UNION ALL SELECT numbered.id, 'OVER_ISSUED' AS anon_15, '批次 ' || issuance_batch.code AS anon_16 
FROM (SELECT voucher.id AS id, voucher.batch_id AS batch_id, voucher.face_value AS face_value, row_number() OVER (PARTITION BY voucher.batch_id, voucher.face_value ORDER BY voucher.claimed_at, voucher.id) AS n 
FROM voucher) AS numbered JOIN issuance_batch ON issuance_batch.id = numbered.batch_id LEFT OUTER JOIN batch_face_value ON batch_face_value.batch_id = numbered.batch_id AND batch_face_value.face_value = numbered.face_value 
WHERE numbered.n > coalesce(batch_face_value.count, 0) UNION ALL SELECT ruled.id, 'EXPIRED' AS anon_17, '使用规则 ' || CAST(usage_rule.effective_from AS VARCHAR) AS anon_18 
FROM ruled JOIN usage_rule ON usage_rule.effective_from = ruled.rule_from 
WHERE ruled.redeemed_at IS NOT NULL AND ruled.redeemed_at > ruled.expires_at UNION ALL SELECT voucher.id, 'MIN_ORDER' AS anon_19, '面值表 ' || CAST(voucher.face_rule_from AS VARCHAR) AS anon_20 
FROM voucher 
WHERE voucher.redeemed_at IS NOT NULL AND voucher.order_amount < voucher.min_order UNION ALL SELECT voucher.id, 'PAID_MISMATCH' AS anon_21, '面值表 ' || CAST(voucher.face_rule_from AS VARCHAR) AS anon_20 
FROM voucher 
WHERE voucher.redeemed_at IS NOT NULL AND voucher.paid_amount != voucher.order_amount - voucher.face_value UNION ALL SELECT voucher.id, 'VENUE' AS anon_22, '定点场馆名录' AS anon_23 
FROM voucher 
WHERE voucher.redeemed_at IS NOT NULL AND NOT (EXISTS (SELECT * 
FROM (SELECT status_periods.venue_id AS venue_id, status_periods.start AS start, status_periods.until AS until 
FROM (SELECT venue_status_change.venue_id AS venue_id, venue_status_change.to_status AS to_status, venue_status_change.effective_at AS start, lead(venue_status_change.effective_at) OVER (PARTITION BY venue_status_change.venue_id ORDER BY venue_status_change.effective_at, venue_status_change.id) AS until 
FROM venue_status_change) AS status_periods 
WHERE status_periods.to_status = 'designated') AS designated_periods 
WHERE designated_periods.venue_id = voucher.venue_id AND designated_periods.start <= voucher.redeemed_at AND (designated_periods.until IS NULL OR designated_periods.until > voucher.redeemed_at))) UNION ALL SELECT voucher.id, 'VENUE' AS anon_24, '定点场馆名录' AS anon_23 
FROM voucher 
WHERE voucher.redeemed_at IS NOT NULL AND NOT (EXISTS (SELECT agreement.id 
FROM agreement 
WHERE agreement.venue_id = voucher.venue_id AND agreement.status IN ('in_force', 'expired', 'terminated') AND agreement.in_force_from <= voucher.use_day AND agreement.end_date >= voucher.use_day AND (agreement.terminated_on IS NULL OR agreement.terminated_on > voucher.use_day))) UNION ALL SELECT voucher.id, 'CLAIM_WINDOW' AS anon_25, '批次 ' || issuance_batch.code AS anon_26 
FROM voucher JOIN issuance_batch ON issuance_batch.id = voucher.batch_id 
WHERE voucher.claimed_at < issuance_batch.claim_start OR voucher.claimed_at > issuance_batch.claim_end UNION ALL SELECT anon_27.id, 'RESTRICTED_SPORT' AS anon_28, '专项券限制 ' || anon_27.code || ' ' || CAST(anon_27.effective_from AS VARCHAR) AS anon_29 
FROM (SELECT voucher.id AS id, voucher_restriction.kind AS kind, voucher_restriction.value AS value, voucher_restriction.code AS code, voucher_restriction.effective_from AS effective_from, voucher.sport AS sport, voucher.citizen_group AS citizen_group, voucher.redeemed_at AS redeemed_at 
FROM voucher JOIN issuance_batch ON issuance_batch.id = voucher.batch_id JOIN voucher_restriction ON voucher_restriction.code = issuance_batch.restriction_code AND voucher_restriction.effective_from = (SELECT max(voucher_restriction_1.effective_from) AS max_1 
FROM voucher_restriction AS voucher_restriction_1 
WHERE voucher_restriction_1.effective_from <= voucher.claim_day AND voucher_restriction_1.code = issuance_batch.restriction_code)) AS anon_27 
WHERE anon_27.kind = 'sport' AND anon_27.redeemed_at IS NOT NULL AND coalesce(anon_27.sport, '') != anon_27.value UNION ALL SELECT anon_27.id, 'RESTRICTED_GROUP' AS anon_30, '专项券限制 ' || anon_27.code || ' ' || CAST(anon_27.effective_from AS VARCHAR) AS anon_29 
FROM (SELECT voucher.id AS id, voucher_restriction.kind AS kind, voucher_restriction.value AS value, voucher_restriction.code AS code, voucher_restriction.effective_from AS effective_from, voucher.sport AS sport, voucher.citizen_group AS citizen_group, voucher.redeemed_at AS redeemed_at 
FROM voucher JOIN issuance_batch ON issuance_batch.id = voucher.batch_id JOIN voucher_restriction ON voucher_restriction.code = issuance_batch.restriction_code AND voucher_restriction.effective_from = (SELECT max(voucher_restriction_1.effective_from) AS max_1 
FROM voucher_restriction AS voucher_restriction_1 
WHERE voucher_restriction_1.effective_from <= voucher.claim_day AND voucher_restriction_1.code = issuance_batch.restriction_code)) AS anon_27 
WHERE anon_27.kind = 'group' AND coalesce(anon_27.citizen_group, '') != anon_27.value;
UPDATE voucher_violation SET withdrawn_at=now() WHERE voucher_violation.cleared_at IS NULL AND voucher_violation.withdrawn_at IS NULL AND ((voucher_violation.voucher_id, voucher_violation.code) NOT IN (SELECT voucher_flags_found.voucher_id, voucher_flags_found.code 
FROM voucher_flags_found)) AND ((voucher_violation.code NOT IN ('OVER_ISSUED')) AND voucher_violation.voucher_id IN (SELECT voucher.id 
FROM voucher) OR voucher_violation.code IN ('OVER_ISSUED') AND voucher_violation.voucher_id IN (SELECT voucher.id 
FROM voucher));
GET DIAGNOSTICS n = ROW_COUNT;
withdrawn := withdrawn + n;
UPDATE voucher_violation SET withdrawn_at=NULL WHERE voucher_violation.withdrawn_at IS NOT NULL AND (voucher_violation.voucher_id, voucher_violation.code) IN (SELECT voucher_flags_found.voucher_id, voucher_flags_found.code 
FROM voucher_flags_found);
GET DIAGNOSTICS n = ROW_COUNT;
added := added + n;
INSERT INTO voucher_violation (voucher_id, code, rule_version, detail, flagged_at) SELECT voucher_flags_found.voucher_id, voucher_flags_found.code, min(voucher_flags_found.rule_version) AS min_1, '' AS anon_1, now() AS now_1 
FROM voucher_flags_found 
WHERE NOT (EXISTS (SELECT * 
FROM voucher_violation 
WHERE voucher_violation.voucher_id = voucher_flags_found.voucher_id AND voucher_violation.code = voucher_flags_found.code)) GROUP BY voucher_flags_found.voucher_id, voucher_flags_found.code;
GET DIAGNOSTICS n = ROW_COUNT;
added := added + n;
SELECT count(*) AS count_1 
FROM (SELECT voucher.id AS id 
FROM voucher) AS anon_1
  INTO n;
checked := checked + n;
DROP TABLE voucher_flags_found;
