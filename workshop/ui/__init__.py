"""Pages and components; every visible string comes from workshop.i18n."""
