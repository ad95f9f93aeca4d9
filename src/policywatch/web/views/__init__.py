"""The pages, one module per area; each registers an HTML page and its JSON twin per URL."""
