"""initial schema and reference data

Revision ID: 0001
Revises:
Create Date: 2026-11-25 17:40:25.936124
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


#: The six application roles (DESIGN.md "Roles").
ROLES = [
    ("admin", "系统管理员", "用户与角色、规则表（面值、限额、警戒线）、全部只读"),
    ("bureau_staff", "区体育局业务人员", "招募公告、场馆审定、协议、结算核定、预警、巡查计划、报表"),
    ("bureau_approver", "区体育局审批人", "结算审批与拨付登记；不得核定同一结算"),
    ("subdistrict", "街镇文体中心", "本街镇的自荐受理与审核、场馆、巡查与统计"),
    ("inspector", "巡查员", "登记所分配场馆的巡查与整改跟踪"),
    ("operator", "配送平台运营", "导入消费券数据、生成结算草稿、查看报表"),
]

#: Jiading's 12 subdistricts and towns (街镇) with their culture and sports centres.
SUBDISTRICTS = [
    ("JD01", "新成路街道", "新成路街道社区文化体育中心"),
    ("JD02", "真新街道", "真新街道社区文化体育中心"),
    ("JD03", "嘉定镇街道", "嘉定镇街道社区文化体育中心"),
    ("JD04", "南翔镇", "南翔镇文体中心"),
    ("JD05", "安亭镇", "安亭镇文体中心"),
    ("JD06", "马陆镇", "马陆镇文体中心"),
    ("JD07", "徐行镇", "徐行镇文体中心"),
    ("JD08", "华亭镇", "华亭镇文体中心"),
    ("JD09", "外冈镇", "外冈镇文体中心"),
    ("JD10", "江桥镇", "江桥镇文体中心"),
    ("JD11", "菊园新区", "菊园新区社区文化体育中心"),
    ("JD12", "嘉定工业区", "嘉定工业区文体中心"),
]

#: The default face-value table (DOMAIN.md, rule 1), in fen:
#: (face value, government subsidy, venue concession, minimum order).
FACE_VALUES_FEN = [
    (500, 400, 100, 1000),
    (1000, 800, 200, 2000),
    (2000, 1500, 500, 4000),
    (3000, 2000, 1000, 6000),
    (5000, 3000, 2000, 12000),
    (8000, 5000, 3000, 20000),
]
FACE_VALUES_EFFECTIVE_FROM = dt.date(2023, 1, 1)
SEEDED_AT = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)


def _seed() -> None:
    role = sa.table("app_role", sa.column("code"), sa.column("name"), sa.column("description"))
    op.bulk_insert(role, [{"code": c, "name": n, "description": d} for c, n, d in ROLES])
    subdistrict = sa.table(
        "subdistrict",
        sa.column("id", sa.Integer), sa.column("code"), sa.column("name"), sa.column("centre_name"),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(subdistrict, [
        {"id": i, "code": code, "name": name, "centre_name": centre, "version": 1,
         "created_at": SEEDED_AT, "updated_at": SEEDED_AT}
        for i, (code, name, centre) in enumerate(SUBDISTRICTS, start=1)
    ])
    face = sa.table(
        "face_value_rule",
        sa.column("effective_from", sa.Date), sa.column("face_value", sa.BigInteger),
        sa.column("subsidy", sa.BigInteger), sa.column("concession", sa.BigInteger),
        sa.column("min_order", sa.BigInteger), sa.column("created_by"),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(face, [
        {"effective_from": FACE_VALUES_EFFECTIVE_FROM, "face_value": f, "subsidy": s,
         "concession": c, "min_order": m, "created_by": "system", "created_at": SEEDED_AT}
        for f, s, c, m in FACE_VALUES_FEN
    ])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('subdistrict', 'id'), 12)")


def upgrade() -> None:
    op.create_table('app_role',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_app_role'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=63), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('from_state', sa.String(length=40), nullable=True),
    sa.Column('to_state', sa.String(length=40), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_occurred_at'), ['occurred_at'], unique=False)

    op.create_table('face_value_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('face_value', sa.BigInteger(), nullable=False),
    sa.Column('subsidy', sa.BigInteger(), nullable=False),
    sa.Column('concession', sa.BigInteger(), nullable=False),
    sa.Column('min_order', sa.BigInteger(), nullable=False),
    sa.Column('created_by', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('face_value > 0 AND subsidy >= 0 AND concession >= 0', name=op.f('ck_face_value_rule_positive')),
    sa.CheckConstraint('min_order >= face_value', name=op.f('ck_face_value_rule_min_order_covers_face_value')),
    sa.CheckConstraint('subsidy + concession = face_value', name=op.f('ck_face_value_rule_split_adds_up')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_face_value_rule')),
    sa.UniqueConstraint('effective_from', 'face_value', name=op.f('uq_face_value_rule_effective_from_face_value'))
    )
    op.create_table('subdistrict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('centre_name', sa.String(length=80), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subdistrict')),
    sa.UniqueConstraint('code', name=op.f('uq_subdistrict_code')),
    sa.UniqueConstraint('name', name=op.f('uq_subdistrict_name'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=63), nullable=False),
    sa.Column('full_name', sa.String(length=60), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('subdistrict_id', sa.Integer(), nullable=True),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("(role = 'subdistrict') = (subdistrict_id IS NOT NULL)", name=op.f('ck_app_user_subdistrict_iff_role')),
    sa.CheckConstraint('failed_attempts >= 0', name=op.f('ck_app_user_failed_attempts_non_negative')),
    sa.ForeignKeyConstraint(['role'], ['app_role.code'], name=op.f('fk_app_user_role_app_role')),
    sa.ForeignKeyConstraint(['subdistrict_id'], ['subdistrict.id'], name=op.f('fk_app_user_subdistrict_id_subdistrict')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('venue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('venue_type', sa.String(length=20), nullable=False),
    sa.Column('subdistrict_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('legal_representative', sa.String(length=40), nullable=False),
    sa.Column('contact_name', sa.String(length=40), nullable=False),
    sa.Column('contact_mobile', sa.String(length=11), nullable=False),
    sa.Column('opening_hours', sa.String(length=100), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status IN ('designated', 'suspended', 'withdrawn')", name=op.f('ck_venue_status')),
    sa.CheckConstraint("venue_type IN ('public', 'commercial')", name=op.f('ck_venue_venue_type')),
    sa.CheckConstraint('(longitude IS NULL) = (latitude IS NULL)', name=op.f('ck_venue_coordinates_complete')),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_venue_capacity_non_negative')),
    sa.ForeignKeyConstraint(['subdistrict_id'], ['subdistrict.id'], name=op.f('fk_venue_subdistrict_id_subdistrict')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_venue_credit_code'))
    )
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venue_subdistrict_id'), ['subdistrict_id'], unique=False)

    op.create_table('venue_sport',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('sport', sa.String(length=20), nullable=False),
    sa.Column('list_price', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('list_price >= 0', name=op.f('ck_venue_sport_list_price_non_negative')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_venue_sport_venue_id_venue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue_sport')),
    sa.UniqueConstraint('venue_id', 'sport', name=op.f('uq_venue_sport_venue_id_sport'))
    )
    _seed()


def downgrade() -> None:
    op.drop_table('venue_sport')
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venue_subdistrict_id'))

    op.drop_table('venue')
    op.drop_table('app_user')
    op.drop_table('subdistrict')
    op.drop_table('face_value_rule')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_occurred_at'))

    op.drop_table('audit_event')
    op.drop_table('app_role')
