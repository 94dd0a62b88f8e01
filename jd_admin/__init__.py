"""jd_admin — 嘉定区体育消费券管理系统.

The desktop administration system of the Jiading District Sports Bureau (嘉定区体育局) for its
sports consumption voucher programme. Layers: ``ui -> services -> models``; nothing below ``ui``
imports Qt.
"""

__version__ = "0.1.0"
