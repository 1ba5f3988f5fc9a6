"""Wire models generated from the contract."""
