//! `factcheck eval`: run labeled statements and score the verdicts.
