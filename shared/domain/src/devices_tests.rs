use super::*;
use proptest::prelude::*;

#[test]
fn a_code_is_typed_in_any_case_with_or_without_its_dash() {
    let code = PairingCode::parse("abcd-ef23").unwrap();
    assert_eq!((code.as_str(), code.shown()), ("ABCDEF23", "ABCD-EF23".to_string()));
    assert_eq!(PairingCode::parse(" ABCD EF23 ").unwrap(), code);
    for bad in ["ABCDEF2", "ABCDEF234", "ABCDEFG0", "ABCDEFGO", "ABCDEFGI", "ABCDEFG1", "ABCD_EF2", ""] {
        assert!(PairingCode::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_device_credential_is_read_from_its_header_only() {
    let header = "Device s1.d-2.abc_DEF-123";
    let credential = DeviceCredential::from_header(header).unwrap();
    assert_eq!((credential.setting_id.as_str(), credential.device_id.as_str(), credential.secret.as_str()), ("s1", "d-2", "abc_DEF-123"));
    assert_eq!(credential.header(), header);
    for bad in
        ["Bearer eyJ.x.y", "Device s1.d2", "Device s1..secret", "Device s1.d2.", "device s1.d2.x", "Device s1.d2.x y", "Device s1.d2.x/y"]
    {
        assert!(DeviceCredential::from_header(bad).is_none(), "{bad}");
    }
}

#[test]
fn a_device_name_is_short_and_plain() {
    assert_eq!(check_name("  Robins tablet ").unwrap(), "Robins tablet");
    assert!(check_name(" ").is_err());
    assert!(check_name(&"x".repeat(61)).is_err());
    assert!(check_name("Robins\ntablet").is_err());
}

proptest! {
    /// Every code made from random bits is one a manager can type back.
    #[test]
    fn every_code_made_reads_back(bits in any::<[u8; 8]>()) {
        let code = PairingCode::from_random(bits);
        prop_assert_eq!(PairingCode::parse(&code.shown()).unwrap(), code.clone());
        prop_assert_eq!(PairingCode::parse(&code.as_str().to_lowercase()).unwrap(), code);
    }
}
