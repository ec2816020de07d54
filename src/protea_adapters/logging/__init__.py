"""Process logging: JSON lines or text, with job and trace ids carried by context variables."""
