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

#[test]
fn a_pin_is_4_to_8_digits_and_not_the_first_one_tried() {
    for good in ["2580", "1357", "90210", "31415926", "1243"] {
        assert!(Pin::parse(good).is_ok(), "{good}");
    }
    for bad in ["", "123", "123456789", "12a4", "0000", "7777777", "1234", "9876", "45678", " 2580", "258 0"] {
        assert!(Pin::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(format!("{:?}", Pin::parse("2580").unwrap()), "Pin(..)");
}

#[test]
fn a_device_number_is_four_digits() {
    assert_eq!(DeviceNumber::parse("4821").unwrap().to_string(), "4821");
    for bad in ["0999", "999", "10000", "abcd", ""] {
        assert!(DeviceNumber::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_device_session_token_is_read_from_its_header() {
    let user = "0f8fad5b-d9cb-469f-a165-70867728950e";
    let token = DeviceSessionToken::from_header(&format!("{user}.s3cr_t-1")).unwrap();
    assert_eq!((token.user_id.as_str(), token.secret.as_str()), (user, "s3cr_t-1"));
    assert_eq!(token.header(), format!("{user}.s3cr_t-1"));
    for bad in [format!("{user}."), user.to_string(), "bad/user.secret".to_string(), format!("{user}.a b")] {
        assert!(DeviceSessionToken::from_header(&bad).is_none(), "{bad}");
    }
}

#[test]
fn a_session_ends_after_its_idle_minutes() {
    assert!(session_open(DeviceMode::Staff, 1000, 1000 + 299));
    assert!(!session_open(DeviceMode::Staff, 1000, 1000 + 300));
    assert!(!session_open(DeviceMode::Kiosk, 1000, 1000 + 120));
    assert!(!session_open(DeviceMode::Journal, 1000, 999));
}

proptest! {
    #[test]
    fn every_drawn_number_parses_back(bits: u16) {
        let n = DeviceNumber::from_random(bits);
        prop_assert_eq!(DeviceNumber::parse(&n.to_string()).unwrap(), n);
    }
}

#[test]
fn a_kiosk_pass_is_eight_digits_typed_with_or_without_its_space() {
    let pass = KioskPass::parse("4821 0937").unwrap();
    assert_eq!((pass.as_str(), pass.shown()), ("48210937", "4821 0937".to_string()));
    for bad in ["4821093", "482109371", "4821-0937", "abcdefgh", ""] {
        assert!(KioskPass::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(KioskPass::from_random(7).as_str(), "00000007");
    assert_eq!(format!("{pass:?}"), "KioskPass(..)");
}
