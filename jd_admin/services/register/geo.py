"""Map coordinates: WGS-84 (what we store, what GeoJSON requires) and GCJ-02 (火星坐标).

The register stores venues' longitude/latitude in WGS-84 (GPS, RFC 7946). Maps published in
mainland China (Amap/高德, Tencent/腾讯, the WeChat map component the 全嘉云动 mini-program
uses) expect GCJ-02, the state-mandated obfuscation of WGS-84; a WGS-84 point drawn on such a
map lands some 300–600 m off in Jiading. The forward transform is the widely published
public formula (Krasovsky 1940 ellipsoid constants ``A`` and ``EE``); it is the identity
outside mainland China's rough bounding box, as every implementation of it does. There is no
closed-form inverse: :func:`gcj02_to_wgs84` iterates the forward transform.

Pure functions, no database: floats are fine here (coordinates are not money).
"""

from __future__ import annotations

import math

A = 6378245.0
"""Semi-major axis of the Krasovsky 1940 ellipsoid (m), as the GCJ-02 formula uses it."""
EE = 0.00669342162296594323
"""First eccentricity squared of that ellipsoid."""

#: Mainland China's rough bounding box (lon min, lon max, lat min, lat max): the transform
#: applies strictly inside it and is the identity outside.
CHINA_BOUNDS = (73.66, 135.05, 3.86, 53.55)

#: The inverse stops when the forward image of the estimate is this close to the target
#: (degrees, about 0.1 mm), or after ``_MAX_ITERATIONS`` steps.
_INVERSE_TOLERANCE = 1e-10
_MAX_ITERATIONS = 30


def _check(lon: float, lat: float) -> None:
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError(f"coordinates must be finite numbers: ({lon!r}, {lat!r})")
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise ValueError(f"not a longitude/latitude pair: ({lon!r}, {lat!r})")


def out_of_china(lon: float, lat: float) -> bool:
    """True outside the bounding box where GCJ-02 differs from WGS-84."""
    lon_min, lon_max, lat_min, lat_max = CHINA_BOUNDS
    return not (lon_min < lon < lon_max and lat_min < lat < lat_max)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _offset(lon: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 shift (degrees of longitude, latitude) at a WGS-84 point inside China."""
    d_lat = _transform_lat(lon - 105.0, lat - 35.0)
    d_lon = _transform_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1.0 - EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return d_lon, d_lat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 (lon, lat) -> GCJ-02 (lon, lat); unchanged outside mainland China's box.

    Raises ValueError for non-finite values or a pair outside [-180, 180] × [-90, 90]."""
    _check(lon, lat)
    if out_of_china(lon, lat):
        return lon, lat
    d_lon, d_lat = _offset(lon, lat)
    return lon + d_lon, lat + d_lat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 (lon, lat) -> WGS-84 (lon, lat), by fixed-point iteration of the forward
    transform (the shift varies slowly, so each step gains several digits; the result maps
    forward to the input within ~1e-10 degrees, i.e. it is exact to well under 1e-7).
    Unchanged outside mainland China's box."""
    _check(lon, lat)
    if out_of_china(lon, lat):
        return lon, lat
    w_lon, w_lat = lon, lat
    for _ in range(_MAX_ITERATIONS):
        g_lon, g_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon, e_lat = g_lon - lon, g_lat - lat
        if abs(e_lon) < _INVERSE_TOLERANCE and abs(e_lat) < _INVERSE_TOLERANCE:
            break
        w_lon, w_lat = w_lon - e_lon, w_lat - e_lat
    return w_lon, w_lat
