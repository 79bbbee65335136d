"""Vietnamese display formats, one for the whole site: a date reads 11/9/2020 and a moment
14:00, 11/9/2020 wherever a template shows one without a filter (the `vn_date` and
`vn_datetime` filters write the same; Django's own Vietnamese formats spell dates out and pad
them with zeros). Input formats are left to the settings."""

DATE_FORMAT = "j/n/Y"
DATETIME_FORMAT = "H:i, j/n/Y"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "H:i, j/n/Y"
TIME_FORMAT = "H:i"
