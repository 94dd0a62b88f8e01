"""Demo catalogue of the district: subdistricts, sports, venues and users (pure data).

**Everything here is fictitious demo data.** The subdistricts (街镇) and the street names are
Jiading's real ones so that the demo looks familiar, but the venues, companies, people, phone
numbers, house numbers and coordinates are made up. The unified social credit codes are valid
by their check character only (GB 32100, area code 310114 = 上海市嘉定区; positions 9-17 also
pass the GB 11714 check): they were generated, not looked up, and identify nobody.

The data are deterministic: no randomness at import time. The few generated values (credit
codes, contact people, mobile numbers, venue coordinates) come from ``random.Random`` seeded
with ``20261125`` and the venue key, so that adding or removing a venue does not change the
others.

The database loader (elsewhere) consumes :data:`SUBDISTRICTS`, :data:`SPORTS`,
:data:`VENUES` and :data:`DEMO_USERS`; nothing here touches a database or Qt.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from jd_admin.services.identifiers import (
    CREDIT_CODE_CHARSET,
    credit_code_check_char,
    organization_code_check_char,
)

__all__ = [
    "DEMO_SEED",
    "DEMO_USERS",
    "DISTRICT_CODE",
    "DISTRICT_NAME",
    "ROLES",
    "SPORTS",
    "SUBDISTRICTS",
    "SUBDISTRICT_BY_CODE",
    "VENUES",
    "DemoSubdistrict",
    "DemoUser",
    "DemoVenue",
]

DEMO_SEED = 20261125
DISTRICT_NAME = "嘉定区"
DISTRICT_CODE = "310114"  # GB/T 2260 code of 上海市嘉定区


@dataclass(frozen=True, slots=True)
class DemoSubdistrict:
    """A subdistrict or town (街镇) and its culture and sports centre (文体中心)."""

    code: str
    name: str
    centre_name: str
    centre_address: str
    lon: float  # WGS-84, approximate centre of the unit
    lat: float


@dataclass(frozen=True, slots=True)
class DemoVenue:
    """A sports venue that may apply to become a designated venue (定点场馆)."""

    key: str
    name: str
    subdistrict_code: str
    venue_type: str  # "public" (公共体育场馆) or "commercial" (经营性体育场馆)
    address: str
    credit_code: str  # of the legal entity below (营业执照 / 事业单位法人证书)
    legal_representative: str
    contact_name: str
    contact_mobile: str
    sports: tuple[tuple[str, Decimal], ...]  # (sport, list price in yuan per session/hour)
    opening_hours: str
    capacity: int
    lon: float  # WGS-84
    lat: float
    legal_entity: str = ""  # the licence holder: 事业单位 (public) or company (commercial)


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo login. ``username`` is also a PostgreSQL role name: [a-z0-9_] only."""

    username: str
    full_name: str
    role: str
    subdistrict_code: str | None


# --------------------------------------------------------------------------------------
# Subdistricts (the 12 units of Jiading, in the bureau's order)
# --------------------------------------------------------------------------------------

# fmt: off
SUBDISTRICTS: tuple[DemoSubdistrict, ...] = (
    DemoSubdistrict("JD01", "新成路街道", "新成路街道社区文化体育中心",
                    "上海市嘉定区塔城路218号", 121.260, 31.390),
    DemoSubdistrict("JD02", "真新街道", "真新街道社区文化体育中心",
                    "上海市嘉定区清峪路360号", 121.380, 31.250),
    DemoSubdistrict("JD03", "嘉定镇街道", "嘉定镇街道社区文化体育中心",
                    "上海市嘉定区城中路138号", 121.250, 31.380),
    DemoSubdistrict("JD04", "南翔镇", "南翔镇文体中心",
                    "上海市嘉定区德华路388号", 121.320, 31.290),
    DemoSubdistrict("JD05", "安亭镇", "安亭镇文体中心",
                    "上海市嘉定区墨玉路185号", 121.160, 31.300),
    DemoSubdistrict("JD06", "马陆镇", "马陆镇文体中心",
                    "上海市嘉定区白银路500号", 121.280, 31.330),
    DemoSubdistrict("JD07", "徐行镇", "徐行镇文体中心",
                    "上海市嘉定区澄浏公路2188号", 121.280, 31.430),
    DemoSubdistrict("JD08", "华亭镇", "华亭镇文体中心",
                    "上海市嘉定区霜竹公路1888号", 121.230, 31.460),
    DemoSubdistrict("JD09", "外冈镇", "外冈镇文体中心",
                    "上海市嘉定区外钱公路1568号", 121.170, 31.370),
    DemoSubdistrict("JD10", "江桥镇", "江桥镇文体中心",
                    "上海市嘉定区华江路688号", 121.330, 31.250),
    DemoSubdistrict("JD11", "菊园新区", "菊园新区社区文化体育中心",
                    "上海市嘉定区平城路1055号", 121.230, 31.400),
    DemoSubdistrict("JD12", "嘉定工业区", "嘉定工业区文体中心",
                    "上海市嘉定区叶城路1288号", 121.220, 31.430),
)
# fmt: on

SUBDISTRICT_BY_CODE: dict[str, DemoSubdistrict] = {s.code: s for s in SUBDISTRICTS}

# --------------------------------------------------------------------------------------
# Sports
# --------------------------------------------------------------------------------------

SPORTS: tuple[str, ...] = (
    "游泳",
    "羽毛球",
    "篮球",
    "足球",
    "乒乓球",
    "网球",
    "健身",
    "瑜伽",
    "舞蹈",
    "跆拳道",
    "击剑",
    "攀岩",
    "射箭",
    "轮滑",
    "台球",
    "保龄球",
)

# --------------------------------------------------------------------------------------
# Venues
# --------------------------------------------------------------------------------------

_HOURS = {
    "all": "周一至周日 09:00-21:00",
    "public": "周二至周日 09:00-21:00（周一闭馆）",
    "court": "周一至周五 14:00-22:00；周六、周日 09:00-22:00",
    "pool": "周一至周日 06:30-21:30",
    "club": "周一至周日 10:00-22:00",
    "class": "周一至周五 16:00-21:00；周六、周日 09:00-18:00",
    "night": "周一至周日 12:00-次日01:00",
}

# (name, p/c, street address, legal entity, legal representative, "sport:price,...",
#  opening hours key, capacity). Prices are list prices per person-session, or per
#  court-hour for courts and pitches (羽毛球/网球/足球 clubs).
_Row = tuple[str, str, str, str, str, str, str, int]

# fmt: off
_VENUE_ROWS: dict[str, tuple[_Row, ...]] = {
    "JD01": (
        ("新成路街道全民健身中心", "p", "塔城路218号", "上海市嘉定区新成路街道社区文化体育中心",
         "沈建华", "健身:15,乒乓球:15,羽毛球:40", "public", 300),
        ("新成路街道社区游泳池", "p", "胜辛北路1658号", "上海市嘉定区新成路街道社区体育指导站",
         "朱永明", "游泳:30", "pool", 260),
        ("疁城羽毛球馆", "c", "温宿路155号", "上海疁城体育发展有限公司", "王喆",
         "羽毛球:60", "court", 120),
        ("塔城路网球俱乐部", "c", "塔城路1029号", "上海嘉塔网球俱乐部有限公司", "陆嘉伟",
         "网球:150", "club", 48),
        ("新成悦动健身", "c", "新成路566号", "上海悦动健身管理有限公司", "顾晓燕",
         "健身:50,瑜伽:80", "club", 150),
        ("福海路青少年跆拳道馆", "c", "福海路737号", "上海福海文化体育有限公司", "姚志刚",
         "跆拳道:120,舞蹈:90", "class", 80),
    ),
    "JD02": (
        ("真新街道社区健身馆", "p", "清峪路360号", "上海市嘉定区真新街道社区文化体育中心", "曹国平",
         "健身:15,乒乓球:15,舞蹈:30", "public", 250),
        ("丰庄游泳馆", "c", "丰庄路211号", "上海丰庄游泳服务有限公司", "周海峰",
         "游泳:45", "pool", 300),
        ("金沙江路羽毛球馆", "c", "金沙江路3131号", "上海真新羽动体育发展有限公司", "李犇",
         "羽毛球:70,乒乓球:30", "court", 150),
        ("曹安公路篮球公园", "c", "曹安公路2000号", "上海曹安体育场馆管理有限公司", "张俊杰",
         "篮球:200,足球:400", "club", 200),
        ("岩时攀岩馆（真新店）", "c", "真南路4268号", "上海岩时体育文化有限公司", "徐一鸣",
         "攀岩:120", "club", 60),
        ("新郁路台球俱乐部", "c", "新郁路817号", "上海新郁台球俱乐部有限公司", "金玉芳",
         "台球:40", "night", 80),
    ),
    "JD03": (
        ("嘉定区体育中心游泳馆", "p", "博乐路118号", "上海市嘉定区体育中心", "钱文彬",
         "游泳:40", "pool", 500),
        ("嘉定镇街道社区乒乓球馆", "p", "城中路138号", "上海市嘉定区嘉定镇街道社区文化体育中心",
         "浦静怡", "乒乓球:15,健身:15", "public", 120),
        ("练祁河网球中心", "c", "清河路55号", "上海练祁网球俱乐部有限公司", "陈堃",
         "网球:160", "club", 48),
        ("汇龙健身（城中路店）", "c", "城中路316号", "上海汇龙健身管理有限公司", "杨佳怡",
         "健身:45,瑜伽:70", "club", 200),
        ("州桥击剑馆", "c", "南大街268号", "上海州桥击剑运动发展有限公司", "许浩然",
         "击剑:220", "class", 40),
        ("梅园路舞蹈瑜伽中心", "c", "梅园路99号", "上海梅园文化体育有限公司", "唐雯婷",
         "舞蹈:80,瑜伽:90", "class", 60),
    ),
    "JD04": (
        ("南翔镇全民健身中心", "p", "德华路388号", "上海市嘉定区南翔镇文体中心", "朱伟",
         "健身:20,羽毛球:40,篮球:15", "public", 400),
        ("南翔游泳馆", "p", "古漪园路218号", "上海市嘉定区南翔体育场馆管理所", "沈明华",
         "游泳:35", "pool", 350),
        ("槎溪羽毛球馆", "c", "惠平路1125号", "上海槎溪体育发展有限公司", "顾思远",
         "羽毛球:80", "court", 180),
        ("银翔保龄球馆", "c", "银翔路655号", "上海银翔休闲体育有限公司", "吴建国",
         "保龄球:25,台球:45", "night", 100),
        ("漪园网球俱乐部", "c", "嘉美路1288号", "上海漪园网球俱乐部有限公司", "蔡晨曦",
         "网球:140", "club", 40),
        ("翔跃轮滑运动中心", "c", "沪宜公路1101号", "上海翔跃文化体育发展有限公司", "黄子轩",
         "轮滑:80,跆拳道:110", "class", 90),
    ),
    "JD05": (
        ("安亭镇全民健身馆", "p", "墨玉路185号", "上海市嘉定区安亭镇文体中心", "陆国强",
         "健身:15,乒乓球:15,篮球:15", "public", 300),
        ("安亭镇游泳馆", "p", "昌吉路88号", "上海市嘉定区安亭体育场馆管理所", "孙丽娟",
         "游泳:35", "pool", 300),
        ("安智路羽毛球馆", "c", "安智路489号", "上海安智体育发展有限公司", "施俊",
         "羽毛球:60", "court", 160),
        ("博园路足球公园", "c", "博园路7575号", "上海安亭足球俱乐部有限公司", "郁海波",
         "足球:500,篮球:180", "club", 220),
        ("安亭射箭馆", "c", "和静路1020号", "上海弓道体育文化有限公司", "范晓东",
         "射箭:80", "club", 30),
        ("于田南路健身中心", "c", "于田南路32号", "上海安驰健身管理有限公司", "凌佳敏",
         "健身:40,瑜伽:60", "club", 180),
    ),
    "JD06": (
        ("马陆镇全民健身中心", "p", "白银路500号", "上海市嘉定区马陆镇文体中心", "陈建平",
         "健身:15,羽毛球:35,乒乓球:15", "public", 350),
        ("马陆体育公园", "p", "崇文路88号", "上海市嘉定区马陆体育公园管理所", "张海燕",
         "篮球:10,足球:30", "all", 500),
        ("马陆葡萄园网球俱乐部", "c", "宝安公路2588号", "上海马陆网球俱乐部有限公司", "杨勇",
         "网球:120", "club", 40),
        ("育绿路游泳馆", "c", "育绿路253号", "上海育绿游泳健身有限公司", "徐晓峰",
         "游泳:55,健身:50", "pool", 260),
        ("嘉戬攀岩中心", "c", "嘉戬公路328号", "上海嘉戬攀岩运动有限公司", "周立新",
         "攀岩:110", "club", 50),
        ("马陆跆拳道训练中心", "c", "双单路199号", "上海陆跃体育文化有限公司", "蒋美华",
         "跆拳道:120,舞蹈:80", "class", 70),
    ),
    "JD07": (
        ("徐行镇文体中心健身馆", "p", "澄浏公路2188号", "上海市嘉定区徐行镇文体中心", "钱卫东",
         "健身:15,乒乓球:15,舞蹈:20", "public", 200),
        ("徐行镇篮球馆", "p", "新建一路1088号", "上海市嘉定区徐行体育场馆管理所", "曹敏",
         "篮球:15,羽毛球:30", "public", 200),
        ("徐行羽翔羽毛球馆", "c", "嘉行公路508号", "上海徐行羽翔体育发展有限公司", "金志刚",
         "羽毛球:50", "court", 100),
        ("澄浏游泳馆", "c", "澄浏公路1655号", "上海澄浏游泳服务有限公司", "沈嘉怡",
         "游泳:40", "pool", 200),
        ("宝钱公路足球场", "c", "宝钱公路1500号", "上海徐行足球文化发展有限公司", "陈浩",
         "足球:350", "club", 150),
        ("徐行乒乓球俱乐部", "c", "澄浏公路2559号", "上海乒动体育发展有限公司", "唐伟国",
         "乒乓球:25,台球:35", "club", 60),
    ),
    "JD08": (
        ("华亭镇全民健身馆", "p", "霜竹公路1888号", "上海市嘉定区华亭镇文体中心", "赵建新",
         "健身:15,乒乓球:15,羽毛球:30", "public", 200),
        ("华亭学校体育场（开放场地）", "p", "华亭路318号", "上海市嘉定区华亭学校", "秦海英",
         "篮球:10,足球:15", "class", 200),
        ("华亭羽毛球馆", "c", "嘉行公路2299号", "上海华亭体育发展有限公司", "施玉梅",
         "羽毛球:50", "court", 100),
        ("华亭射箭俱乐部", "c", "霜竹公路1120号", "上海华亭弓道文化有限公司", "倪强",
         "射箭:70", "club", 30),
        ("毛桥游泳馆", "c", "毛桥路66号", "上海亭泳体育服务有限公司", "邱丽",
         "游泳:35", "pool", 180),
        ("双塘轮滑篮球乐园", "c", "双塘路158号", "上海双塘文化体育有限公司", "马骏",
         "轮滑:60,篮球:30", "class", 120),
    ),
    "JD09": (
        ("外冈镇全民健身中心", "p", "外钱公路1568号", "上海市嘉定区外冈镇文体中心", "胡国华",
         "健身:15,乒乓球:15,篮球:15", "public", 250),
        ("外冈镇游泳馆", "p", "恒永路325号", "上海市嘉定区外冈体育场馆管理所", "高凤英",
         "游泳:30", "pool", 250),
        ("冈羽羽毛球馆", "c", "宝安公路5050号", "上海冈羽体育发展有限公司", "林涛",
         "羽毛球:50", "court", 120),
        ("外冈足球训练基地", "c", "嘉松北路6688号", "上海外冈足球俱乐部有限公司", "郑宇",
         "足球:300", "club", 200),
        ("望新健身中心", "c", "望新路180号", "上海望新健身管理有限公司", "罗晓红",
         "健身:35,瑜伽:60", "club", 120),
        ("外钱网球场", "c", "外钱公路1233号", "上海外钱网球运动有限公司", "谢文杰",
         "网球:100", "club", 32),
    ),
    "JD10": (
        ("江桥镇全民健身馆", "p", "华江路688号", "上海市嘉定区江桥镇文体中心", "袁志华",
         "健身:20,乒乓球:15,羽毛球:40", "public", 350),
        ("江桥体育馆游泳池", "p", "嘉涌路99号", "上海市嘉定区江桥体育场馆管理所", "蒋春燕",
         "游泳:40", "pool", 400),
        ("金沙江西路羽毛球馆", "c", "金沙江西路1555号", "上海江桥羽动体育发展有限公司", "韩磊",
         "羽毛球:90", "court", 200),
        ("鹤霞保龄球馆", "c", "鹤霞路388号", "上海鹤霞休闲体育有限公司", "冯雪",
         "保龄球:30,台球:50", "night", 120),
        ("临洮路击剑俱乐部", "c", "临洮路1280号", "上海江剑运动文化有限公司", "董一凡",
         "击剑:260", "class", 40),
        ("曹安公路网球俱乐部", "c", "曹安公路4128号", "上海江桥网球俱乐部有限公司", "潘俊",
         "网球:180", "club", 48),
    ),
    "JD11": (
        ("菊园新区全民健身馆", "p", "平城路1055号", "上海市嘉定区菊园新区社区文化体育中心",
         "戴建明", "健身:15,乒乓球:15,舞蹈:20", "public", 200),
        ("菊园体育公园", "p", "嘉唐公路1355号", "上海市嘉定区菊园新区体育场馆管理所", "邵红梅",
         "篮球:10,足球:20", "all", 300),
        ("菊羽羽毛球馆", "c", "嘉唐公路758号", "上海菊羽体育发展有限公司", "夏冰",
         "羽毛球:60", "court", 120),
        ("永靖路游泳健身会所", "c", "永靖路455号", "上海永靖游泳健身有限公司", "钟晓明",
         "游泳:60,健身:60", "pool", 220),
        ("棋盘路瑜伽馆", "c", "棋盘路1128号", "上海棋盘文化体育有限公司", "汪静",
         "瑜伽:100,舞蹈:80", "club", 40),
        ("菊园青少年篮球训练馆", "c", "合作路368号", "上海菊园篮球文化发展有限公司", "田亮",
         "篮球:120,跆拳道:100", "class", 80),
    ),
    "JD12": (
        ("嘉定工业区全民健身馆", "p", "叶城路1288号", "上海市嘉定区嘉定工业区文体中心", "任国庆",
         "健身:15,乒乓球:15,羽毛球:30", "public", 250),
        ("娄塘社区游泳池", "p", "娄塘路258号", "上海市嘉定区嘉定工业区体育场馆管理所", "姜红",
         "游泳:30", "pool", 200),
        ("兴贤路羽毛球馆", "c", "兴贤路1599号", "上海兴贤体育发展有限公司", "宋志远",
         "羽毛球:55", "court", 140),
        ("城北路足球公园", "c", "城北路2288号", "上海北城足球运动有限公司", "贺军",
         "足球:400", "club", 200),
        ("叶城路健身工作室", "c", "叶城路912号", "上海叶城健身管理有限公司", "崔莉",
         "健身:40,瑜伽:70", "club", 100),
        ("胜竹路轮滑馆", "c", "胜竹路688号", "上海竹韵文化体育有限公司", "薛𫖯",
         "轮滑:70", "class", 60),
    ),
}

# Contact people are generated from these pools. A few given names use rarer characters
# (喆, 堃, 犇 are outside GB 2312; 𫖯 above is outside the BMP and GBK) on purpose: the
# application must display, store, sort and export them.
_SURNAMES = (
    "张", "王", "李", "陈", "周", "徐", "朱", "沈", "顾", "陆", "吴", "黄", "杨", "钱",
    "金", "施", "蔡", "唐", "许", "孙", "姚", "曹", "郁", "浦", "范", "凌", "诸葛", "欧阳",
)
_GIVEN_NAMES = (
    "建华", "丽娟", "志强", "晓燕", "伟", "敏", "佳怡", "子轩", "喆", "堃", "犇", "雯婷",
    "俊杰", "海峰", "春燕", "国平", "玉芳", "一鸣", "思远", "嘉伟", "晨曦", "静怡", "浩然",
    "文彬", "明华", "梦琪", "欣怡", "立新", "秀英", "天佑", "雨桐", "宇轩", "婧", "昊",
)
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "158", "159", "173", "177", "180", "181", "182", "183", "185",
    "186", "187", "188", "189", "191", "199",
)
# fmt: on
_EARTH_RADIUS_KM = 6371.0
_MAX_OFFSET_KM = 2.5


def _rng(key: str, purpose: str) -> random.Random:
    """A generator private to one venue and one purpose (string seeds are stable: sha512)."""
    return random.Random(f"{DEMO_SEED}/{key}/{purpose}")


def _credit_code(key: str, public: bool, taken: set[str]) -> str:
    """A credit code valid by GB 32100 (and GB 11714 on positions 9-17), area 310114.

    Public venues are run by 事业单位 (registration authority 1, category 2); commercial ones
    by companies (9, 1) with a post-2015 ``MA`` subject identifier.
    """
    rng = _rng(key, "credit")
    alphabet = CREDIT_CODE_CHARSET
    while True:
        if public:
            org8 = "4" + "".join(rng.choice("0123456789") for _ in range(7))
            head = "12" + DISTRICT_CODE
        else:
            org8 = "MA1" + "".join(rng.choice(alphabet) for _ in range(5))
            head = "91" + DISTRICT_CODE
        body = head + org8 + organization_code_check_char(org8)
        code = body + credit_code_check_char(body)
        if code not in taken:
            taken.add(code)
            return code


def _mobile(key: str, taken: set[str]) -> str:
    rng = _rng(key, "mobile")
    while True:
        number = rng.choice(_MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))
        if number not in taken:
            taken.add(number)
            return number


def _person(key: str, exclude: str) -> str:
    rng = _rng(key, "contact")
    while True:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN_NAMES)
        if name != exclude:
            return name


def _position(key: str, centre: DemoSubdistrict) -> tuple[float, float]:
    """A point uniformly distributed within ``_MAX_OFFSET_KM`` of the centre (5 decimals)."""
    rng = _rng(key, "position")
    distance = _MAX_OFFSET_KM * math.sqrt(rng.random())
    bearing = rng.uniform(0.0, 2.0 * math.pi)
    dlat = math.degrees(distance * math.cos(bearing) / _EARTH_RADIUS_KM)
    dlon = math.degrees(
        distance * math.sin(bearing) / (_EARTH_RADIUS_KM * math.cos(math.radians(centre.lat)))
    )
    return round(centre.lon + dlon, 5), round(centre.lat + dlat, 5)


def _prices(spec: str) -> tuple[tuple[str, Decimal], ...]:
    pairs: list[tuple[str, Decimal]] = []
    for item in spec.split(","):
        sport, price = item.split(":")
        pairs.append((sport, Decimal(price).quantize(Decimal("0.01"))))
    return tuple(pairs)


def _build_venues() -> tuple[DemoVenue, ...]:
    venues: list[DemoVenue] = []
    codes: set[str] = set()
    mobiles: set[str] = set()
    number = 0
    for subdistrict in SUBDISTRICTS:
        for name, kind, street, entity, legal_rep, spec, hours, capacity in _VENUE_ROWS[
            subdistrict.code
        ]:
            number += 1
            key = f"V{number:03d}"
            lon, lat = _position(key, subdistrict)
            venues.append(
                DemoVenue(
                    key=key,
                    name=name,
                    subdistrict_code=subdistrict.code,
                    venue_type="public" if kind == "p" else "commercial",
                    address=f"上海市嘉定区{street}",
                    credit_code=_credit_code(key, kind == "p", codes),
                    legal_representative=legal_rep,
                    contact_name=_person(key, legal_rep),
                    contact_mobile=_mobile(key, mobiles),
                    sports=_prices(spec),
                    opening_hours=_HOURS[hours],
                    capacity=capacity,
                    lon=lon,
                    lat=lat,
                    legal_entity=entity,
                )
            )
    return tuple(venues)


VENUES: tuple[DemoVenue, ...] = _build_venues()

# --------------------------------------------------------------------------------------
# Users
# --------------------------------------------------------------------------------------

ROLES: tuple[str, ...] = (
    "admin",
    "bureau_staff",
    "bureau_approver",
    "inspector",
    "operator",
    "subdistrict",
)

_SUBDISTRICT_STAFF = (
    "沈佳琪",
    "吴晓东",
    "陆文静",
    "顾志明",
    "王丽萍",
    "朱海燕",
    "陈伟民",
    "钱晓红",
    "张喆",
    "周玉兰",
    "金海涛",
    "许雅琴",
)

DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "系统管理员", "admin", None),
    DemoUser("bureau1", "徐丽华", "bureau_staff", None),
    DemoUser("bureau2", "蔡志强", "bureau_staff", None),
    DemoUser("approver1", "陈国栋", "bureau_approver", None),
    DemoUser("inspector1", "姚俊", "inspector", None),
    DemoUser("inspector2", "杨堃", "inspector", None),
    DemoUser("operator1", "李思远", "operator", None),
    *(
        DemoUser(s.code.lower(), staff, "subdistrict", s.code)
        for s, staff in zip(SUBDISTRICTS, _SUBDISTRICT_STAFF, strict=True)
    ),
)
