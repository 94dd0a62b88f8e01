"""结算: the monthly settlement page."""
