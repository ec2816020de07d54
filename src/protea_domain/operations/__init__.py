"""Operations: named units of work that jobs run, and the registry that finds them."""
