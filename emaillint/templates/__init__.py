"""Templates: the shipped template catalog in, the template that answers a finding out."""
