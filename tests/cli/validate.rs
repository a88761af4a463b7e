use predicates::prelude::*;

use crate::support::{chitieu, two_districts};

#[test]
fn shipped_catalogue_and_data_validate() {
    chitieu()
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::contains("ok:"));
}

#[test]
fn minimal_project_validates() {
    two_districts().cmd().arg("validate").assert().success();
}
