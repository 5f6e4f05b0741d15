use super::*;
use crate::billing::{Delivery, FundingStream};
use crate::bookings::Price;
use crate::bookings::{ChangeKind, ChangeStatus, ClockTime, Closure, Day, SessionType, Term, Week};
use crate::{SessionName, SessionTypeId};
use proptest::prelude::*;

fn day(raw: &str) -> Day {
    Day::parse(raw).unwrap()
}

fn full_day() -> SessionType {
    SessionType {
        session_type_id: SessionTypeId::parse("full-day").unwrap(),
        name: SessionName::parse("Full day").unwrap(),
        starts: ClockTime::parse("08:00").unwrap(),
        ends: ClockTime::parse("18:00").unwrap(),
        price: Price::Session { pence: 7000 },
        rooms: vec![],
    }
}

fn offer(id: &str, kind: LineKind, name: &str, pence: u32, days: &[WorkDay]) -> ExtraOffer {
    ExtraOffer { extra_id: ExtraId::parse(id).unwrap(), kind, name: SessionName::parse(name).unwrap(), pence, days: days.to_vec() }
}

/// The setting of docs/billing.md's worked example: full days at £70, lunch, nappies and a
/// Wednesday music class, open all year.
fn amara_setup() -> Setup {
    Setup {
        sessions: vec![full_day()],
        extras: vec![
            offer("lunch", LineKind::Food, "Lunch", 350, &WorkDay::ALL),
            offer("nappies", LineKind::Consumables, "Nappies and wipes", 100, &WorkDay::ALL),
            offer("music", LineKind::Activities, "Music class", 600, &[WorkDay::Wednesday]),
            offer("forest", LineKind::Activities, "Forest school", 900, &[WorkDay::Friday]),
        ],
        ..Setup::default()
    }
    .checked()
    .unwrap()
}

fn mon_to_wed() -> Vec<Pattern> {
    let id = || vec![SessionTypeId::parse("full-day").unwrap()];
    vec![Pattern { starts: day("2026-09-01"), week: Week { monday: id(), tuesday: id(), wednesday: id(), ..Week::default() } }]
}

fn thirty_stretched(from: &str) -> Claim {
    Claim {
        stream: FundingStream::WorkingParent30,
        delivery: Delivery::Stretched { weeks: 51 },
        code: Some(crate::funding::EligibilityCode::parse("50012345678").unwrap()),
        valid_from: day(from),
        valid_to: None,
        reconfirm_by: Some(day("2027-12-01")),
        grace_until: Some(day("2028-02-01")),
    }
}

fn ids(raw: &[&str]) -> Vec<ExtraId> {
    raw.iter().map(|r| ExtraId::parse(r).unwrap()).collect()
}

/// docs/billing.md's worked example, from the setup, her pattern and her claim: the same
/// lines and total as `billing::tests::the_worked_example_in_the_docs_adds_up` works out by
/// hand, and the day her funded year began as the docs give it.
#[test]
fn the_worked_example_comes_out_of_a_month_of_bookings() {
    let setup = amara_setup();
    let patterns = mon_to_wed();
    let claims = [thirty_stretched("2026-09-14")];
    let changes = BTreeMap::new();
    let opted = ids(&["lunch", "nappies", "music"]);
    let input = ChildMonth { setup: &setup, patterns: &patterns, changes: &changes, claims: &claims, extras: &opted, attended: None };
    let bill = month_bill(&input, Month::parse("2027-01").unwrap());
    let lines: Vec<(LineKind, &str, u32, i64)> =
        bill.lines.iter().map(|l| (l.kind, l.description.as_str(), l.quantity, l.amount.0)).collect();
    assert_eq!(
        lines,
        [
            (LineKind::FundedHours, "Funded hours", 5365, 0),
            (LineKind::PaidHours, "Full day: paid hours", 1835, 21408),
            (LineKind::Food, "Lunch", 12, 4200),
            (LineKind::Consumables, "Nappies and wipes", 12, 1200),
            (LineKind::Activities, "Music class", 4, 2400),
        ]
    );
    assert_eq!(bill.total, Pence(29208));
    assert_eq!(claim_minutes_in_week(&claims[0], &setup, day("2027-01-04")), 1342, "the 17th week of her year");
    assert!(include_str!("../../../docs/billing.md").contains("14 September 2026"), "the docs say when her year began");
    assert_eq!(hours_words(5365), "89 h 25 m");
    assert_eq!(hours_words(180), "3 h");
}

#[test]
fn a_cancelled_day_and_an_extra_day_change_the_bill() {
    let setup = amara_setup();
    let patterns = mon_to_wed();
    let cancel = [DayChange { kind: ChangeKind::Cancel, session_type_id: "full-day", status: ChangeStatus::Booked }];
    let extra = [DayChange { kind: ChangeKind::Extra, session_type_id: "full-day", status: ChangeStatus::Booked }];
    let waiting = [DayChange { kind: ChangeKind::Extra, session_type_id: "full-day", status: ChangeStatus::Pending }];
    let mut changes = BTreeMap::new();
    changes.insert(day("2027-01-06"), cancel.to_vec());
    changes.insert(day("2027-01-08"), extra.to_vec());
    changes.insert(day("2027-01-15"), waiting.to_vec());
    let opted = ids(&["lunch", "forest"]);
    let input = ChildMonth { setup: &setup, patterns: &patterns, changes: &changes, claims: &[], extras: &opted, attended: None };
    let bill = month_bill(&input, Month::parse("2027-01").unwrap());
    // 12 booked days, one cancelled, one extra Friday (with forest school): 12 full days.
    let paid = bill.lines.iter().find(|l| l.kind == LineKind::PaidHours).unwrap();
    assert_eq!((paid.quantity, paid.amount), (12 * 600, Pence(12 * 7000)));
    let lunch = bill.lines.iter().find(|l| l.description == "Lunch").unwrap();
    assert_eq!(lunch.quantity, 12);
    let forest = bill.lines.iter().find(|l| l.description == "Forest school").unwrap();
    assert_eq!((forest.quantity, forest.amount), (1, Pence(900)), "only on the Friday booked, not the one waiting");
    assert!(bill.lines.iter().all(|l| l.kind != LineKind::FundedHours), "no claim, no funded line");
}

#[test]
fn term_time_funding_skips_the_holidays_and_stops_when_the_year_is_used() {
    let mut setup = amara_setup();
    setup.terms = vec![Term { name: SessionName::parse("Autumn").unwrap(), starts: day("2026-09-07"), ends: day("2026-12-18") }];
    let claim = Claim {
        delivery: Delivery::TermTime,
        stream: FundingStream::Universal,
        code: None,
        reconfirm_by: None,
        grace_until: None,
        ..thirty_stretched("2026-09-07")
    };
    assert_eq!(claim_minutes_in_week(&claim, &setup, day("2026-09-07")), 900, "15 hours in a term week");
    assert_eq!(claim_minutes_in_week(&claim, &setup, day("2026-12-21")), 0, "nothing in the holidays");
    assert_eq!(claim_minutes_in_week(&claim, &setup, day("2026-08-31")), 0, "nothing before it starts");
    // A setting closed a whole week: that week is not one of the funded year's.
    let mut closed = amara_setup();
    closed.closures =
        (0..5).map(|d| Closure { date: day("2026-12-28").plus_days(d), reason: SessionName::parse("Christmas").unwrap() }).collect();
    let year = thirty_stretched("2026-09-14");
    assert_eq!(claim_minutes_in_week(&year, &closed, day("2026-12-28")), 0);
    let total: u32 = (0..52).map(|w| claim_minutes_in_week(&year, &closed, day("2026-09-14").plus_days(7 * w))).sum();
    assert_eq!(total, 1_140 * 60, "51 open weeks of 52: the whole year, to the minute");
}

#[test]
fn billing_names_responsible_payers_and_a_split_between_them() {
    let setup = amara_setup();
    let mum = UserId::parse("mum").unwrap();
    let dad = UserId::parse("dad").unwrap();
    let gran = UserId::parse("gran").unwrap();
    let responsible = [mum.clone(), dad.clone()];
    let one = ChildBilling { payers: vec![mum.clone()], split: None, extras: ids(&["lunch"]) };
    assert_eq!(one.check(&setup.extras, &responsible), Ok(()));
    let split = Split::Percent { shares: vec![("mum".into(), 6000), ("dad".into(), 4000)] };
    let two = ChildBilling { payers: vec![mum.clone(), dad.clone()], split: Some(split.clone()), extras: vec![] };
    assert_eq!(two.check(&setup.extras, &responsible), Ok(()));
    let cases = [
        (ChildBilling { payers: vec![], ..one.clone() }, BillingError::Payers),
        (ChildBilling { payers: vec![mum.clone(), mum.clone()], ..one.clone() }, BillingError::Payers),
        (ChildBilling { payers: vec![gran.clone()], ..one.clone() }, BillingError::NotResponsible),
        (ChildBilling { split: None, ..two.clone() }, BillingError::SplitNeeded),
        (ChildBilling { split: Some(split.clone()), ..one.clone() }, BillingError::SplitNotWanted),
        (ChildBilling { extras: ids(&["pony"]), ..one.clone() }, BillingError::UnknownExtra("pony".into())),
    ];
    for (billing, error) in cases {
        assert_eq!(billing.check(&setup.extras, &responsible), Err(error));
    }
    let wrong = Split::Percent { shares: vec![("mum".into(), 6000), ("gran".into(), 4000)] };
    assert!(matches!(
        ChildBilling { split: Some(wrong), ..two.clone() }.check(&setup.extras, &[mum.clone(), dad.clone(), gran]),
        Err(BillingError::Split(_))
    ));
    let bill =
        Bill::of(vec![crate::billing::Line { kind: LineKind::PaidHours, description: "x".into(), quantity: 1, amount: Pence(1001) }]);
    let parts = two.payer_bills(&bill);
    assert_eq!(parts.iter().map(|(p, b)| (p.as_str(), b.total.0)).collect::<Vec<_>>(), [("mum", 601), ("dad", 400)]);
    assert_eq!(one.payer_bills(&bill), vec![(mum, bill.clone())]);
}

#[test]
fn extras_are_checked() {
    let ok = amara_setup().extras;
    assert_eq!(check_extras(&ok), Ok(()));
    let mut twice = ok.clone();
    twice.push(ok[0].clone());
    assert_eq!(check_extras(&twice), Err(ExtraError::Duplicate));
    assert!(matches!(check_extras(&[offer("x", LineKind::PaidHours, "Hours", 100, &WorkDay::ALL)]), Err(ExtraError::Kind(_))));
    assert!(matches!(check_extras(&[offer("x", LineKind::Food, "Free", 0, &WorkDay::ALL)]), Err(ExtraError::Price(_))));
    assert!(matches!(check_extras(&[offer("x", LineKind::Food, "Never", 10, &[])]), Err(ExtraError::NoDays(_))));
}

#[test]
fn months_parse_and_cover_their_weeks() {
    let jan = Month::parse("2027-01").unwrap();
    assert_eq!((jan.first(), jan.last(), jan.next().to_string()), (day("2027-01-01"), day("2027-01-31"), "2027-02".into()));
    assert_eq!(jan.weeks().first(), Some(&day("2026-12-28")), "the week of the 1st begins in December");
    assert_eq!(jan.weeks().len(), 5);
    for bad in ["2027-1", "2027-13", "27-01-01", "", "2027-01-01"] {
        assert!(Month::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(serde_json::to_string(&jan).unwrap(), "\"2027-01\"");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Funding is applied week by week and each week is billed in the months its days fall
    /// in: over every month a funded year touches, the bills' funded hours are the year's
    /// weeks' minutes exactly (a week across two months is not funded twice, nor lost).
    #[test]
    fn every_week_is_funded_once_across_the_months(from_week in 0i64..30, hours in prop::sample::select(vec![570u32, 1_140])) {
        let setup = amara_setup();
        let id = || vec![SessionTypeId::parse("full-day").unwrap()];
        let patterns = vec![Pattern { starts: day("2026-06-01"), week: Week { monday: id(), tuesday: id(), wednesday: id(), thursday: id(), friday: id() } }];
        let stream = if hours == 570 { FundingStream::TwoYearOld } else { FundingStream::WorkingParent30 };
        let from = day("2026-06-01").plus_days(7 * from_week);
        let claim = Claim { stream, code: None, reconfirm_by: None, grace_until: None, valid_to: Some(from.plus_days(363)), ..thirty_stretched("2026-06-01") };
        let claim = Claim { valid_from: from, ..claim };
        let changes = BTreeMap::new();
        let claims = [claim.clone()];
        let input = ChildMonth { setup: &setup, patterns: &patterns, changes: &changes, claims: &claims, extras: &[], attended: None };
        let mut month = Month::parse("2026-06").unwrap();
        let mut billed = 0;
        while month <= Month::parse("2028-01").unwrap() {
            let bill = month_bill(&input, month);
            prop_assert_eq!(bill.total, bill.lines.iter().map(|l| l.amount).sum::<Pence>());
            billed += bill.lines.iter().filter(|l| l.kind == LineKind::FundedHours).map(|l| l.quantity).sum::<u32>();
            month = month.next();
        }
        let weeks: u32 = (0..88).map(|w| claim_minutes_in_week(&claim, &setup, day("2026-06-01").plus_days(7 * w))).sum();
        prop_assert_eq!(billed, weeks);
        prop_assert_eq!(weeks, hours * 60, "the whole year, to the minute");
    }
}

#[test]
fn payments_are_checked_and_a_tax_free_childcare_one_needs_its_reference() {
    assert_eq!(check_payment(Pence(14938), PaymentMethod::TaxFreeChildcare, "ajon 12345 tfc"), Ok("AJON12345TFC".into()));
    assert_eq!(check_payment(Pence(100), PaymentMethod::TaxFreeChildcare, "AJON1234TFC"), Err(PaymentError::TfcReference));
    assert_eq!(check_payment(Pence(100), PaymentMethod::TaxFreeChildcare, ""), Err(PaymentError::TfcReference));
    assert_eq!(check_payment(Pence(0), PaymentMethod::Card, ""), Err(PaymentError::Amount));
    assert_eq!(check_payment(Pence(-5), PaymentMethod::Cash, ""), Err(PaymentError::Amount));
    assert_eq!(check_payment(Pence(500), PaymentMethod::BankTransfer, " Noor Dec "), Ok("Noor Dec".into()));
    assert_eq!(check_payment(Pence(500), PaymentMethod::Voucher, "<script>"), Err(PaymentError::Reference));
}

fn entry(kind: StatementEntryKind, on: &str, reference: &str, amount: i64, due: Option<&str>) -> StatementEntry {
    StatementEntry {
        kind,
        on: day(on),
        reference: reference.into(),
        amount: Pence(amount),
        due: due.map(day),
        settles: None,
        balance: Pence(0),
        unpaid: None,
    }
}

#[test]
fn a_statement_settles_the_oldest_invoices_first_and_says_what_is_overdue() {
    let lines = vec![
        entry(StatementEntryKind::Payment, "2027-01-20", "AJON12345TFC", -20000, None),
        entry(StatementEntryKind::Invoice, "2027-01-01", "2027-01-0001", 29208, Some("2027-01-15")),
        entry(StatementEntryKind::Invoice, "2027-02-01", "2027-02-0001", 28000, Some("2027-02-15")),
        StatementEntry {
            settles: Some("2027-02-0001".into()),
            ..entry(StatementEntryKind::CreditNote, "2027-02-03", "2027-02-0002", -28000, None)
        },
        entry(StatementEntryKind::Invoice, "2027-02-03", "2027-02-0003", 27000, Some("2027-02-17")),
    ];
    let s = statement(lines.clone(), day("2027-02-10"));
    assert_eq!(
        s.entries.iter().map(|e| e.reference.as_str()).collect::<Vec<_>>(),
        ["2027-01-0001", "AJON12345TFC", "2027-02-0001", "2027-02-0003", "2027-02-0002"]
    );
    assert_eq!(s.balance, Pence(29208 - 20000 + 28000 + 27000 - 28000));
    assert_eq!(s.entries.last().unwrap().balance, s.balance);
    // January's invoice is past due: £292.08, less the £200 paid (the credit note settles
    // the February invoice it cancels, not the oldest).
    assert_eq!(s.overdue, Pence(9208));
    assert_eq!(statement(lines.clone(), day("2027-01-10")).overdue, Pence(0), "nothing due yet");
    let paid = statement(vec![lines[1].clone(), entry(StatementEntryKind::Payment, "2027-01-10", "x", -29208, None)], day("2027-03-01"));
    assert_eq!((paid.balance, paid.overdue), (Pence(0), Pence(0)));
    // Each invoice says what is left of it: January's £92.08, the cancelled February one
    // nothing, the replacement all of it.
    let unpaid: Vec<(&str, Option<Pence>)> = s.entries.iter().map(|e| (e.reference.as_str(), e.unpaid)).collect();
    assert_eq!(
        unpaid,
        [
            ("2027-01-0001", Some(Pence(9208))),
            ("AJON12345TFC", None),
            ("2027-02-0001", Some(Pence(0))),
            ("2027-02-0003", Some(Pence(27000))),
            ("2027-02-0002", None)
        ]
    );
}

#[test]
fn a_refund_takes_back_credit_and_never_settles_an_invoice() {
    // £300 paid on a £250 invoice, £50 refunded: nothing owed, nothing in credit.
    let lines = vec![
        entry(StatementEntryKind::Invoice, "2027-01-01", "2027-01-0001", 25000, Some("2027-01-15")),
        entry(StatementEntryKind::Payment, "2027-01-05", "AJON12345TFC", -30000, None),
        entry(StatementEntryKind::Refund, "2027-01-06", "AJON12345TFC", 5000, None),
        entry(StatementEntryKind::Invoice, "2027-02-01", "2027-02-0001", 25000, Some("2027-02-15")),
    ];
    let s = statement(lines, day("2027-03-01"));
    assert_eq!(s.balance, Pence(25000));
    assert_eq!(s.overdue, Pence(25000), "the refunded £50 does not pay February");
    assert_eq!(s.entries[0].unpaid, Some(Pence(0)));
    assert_eq!(s.entries[3].unpaid, Some(Pence(25000)));
}

#[test]
fn tax_free_childcare_money_is_refunded_to_its_account_and_other_money_another_way() {
    let tfc = |r: &str, p: i64| MoneySource { tfc_account: Some(r.into()), net: Pence(p) };
    let other = |p: i64| MoneySource { tfc_account: None, net: Pence(p) };
    // In credit £50: the newest £20 came by bank, the £30 before it from the childcare account.
    let sources = vec![other(2000), tfc("AJON12345TFC", 30000)];
    assert_eq!(credit_sources(Pence(5000), &sources), vec![other(2000), tfc("AJON12345TFC", 3000)]);
    assert_eq!(
        check_refund(Pence(3000), PaymentMethod::TaxFreeChildcare, "ajon12345tfc", Pence(5000), &sources),
        Ok("AJON12345TFC".into())
    );
    assert_eq!(check_refund(Pence(2000), PaymentMethod::BankTransfer, "", Pence(5000), &sources), Ok(String::new()));
    assert_eq!(check_refund(Pence(2001), PaymentMethod::BankTransfer, "", Pence(5000), &sources), Err(PaymentError::TaxFreeChildcareFirst));
    assert_eq!(
        check_refund(Pence(3001), PaymentMethod::TaxFreeChildcare, "AJON12345TFC", Pence(5000), &sources),
        Err(PaymentError::TfcAccount)
    );
    assert_eq!(
        check_refund(Pence(100), PaymentMethod::TaxFreeChildcare, "BSMI54321TFC", Pence(5000), &sources),
        Err(PaymentError::TfcAccount)
    );
    assert_eq!(
        check_refund(Pence(5001), PaymentMethod::Card, "", Pence(5000), &[other(9000)]),
        Err(PaymentError::MoreThanCredit(Pence(5000)))
    );
    assert_eq!(check_refund(Pence(1), PaymentMethod::Cash, "", Pence(-200), &[other(9000)]), Err(PaymentError::MoreThanCredit(Pence(0))));
    // The childcare account paid last: the whole credit goes back there.
    let sources = vec![tfc("AJON12345TFC", 30000), other(2000)];
    assert_eq!(check_refund(Pence(1), PaymentMethod::BankTransfer, "", Pence(2000), &sources), Err(PaymentError::TaxFreeChildcareFirst));
}

proptest! {
    /// Whatever is invoiced and paid, the balance is what was invoiced less what was credited,
    /// and never more is overdue than is owed.
    #[test]
    fn a_balance_is_what_was_invoiced_less_what_was_credited(
        invoices in prop::collection::vec((0i64..60, 1i64..100_000), 0..8),
        payments in prop::collection::vec((0i64..90, 1i64..100_000), 0..8),
    ) {
        let start = day("2027-01-01");
        let mut lines: Vec<StatementEntry> = invoices.iter().enumerate().map(|(i, (d, a))| StatementEntry {
            kind: StatementEntryKind::Invoice, on: start.plus_days(*d), reference: format!("I{i}"), amount: Pence(*a),
            due: Some(start.plus_days(*d + 14)), settles: None, balance: Pence(0), unpaid: None }).collect();
        lines.extend(payments.iter().enumerate().map(|(i, (d, a))| StatementEntry {
            kind: StatementEntryKind::Payment, on: start.plus_days(*d), reference: format!("P{i}"), amount: Pence(-*a), due: None, settles: None, balance: Pence(0), unpaid: None }));
        let s = statement(lines, start.plus_days(120));
        let invoiced: i64 = invoices.iter().map(|(_, a)| a).sum();
        let paid: i64 = payments.iter().map(|(_, a)| a).sum();
        prop_assert_eq!(s.balance, Pence(invoiced - paid));
        prop_assert!(s.overdue.0 >= 0 && s.overdue.0 <= invoiced);
        prop_assert!(s.overdue.0 <= s.balance.0.max(0), "never more overdue than owed");
        let unpaid: i64 = s.entries.iter().filter_map(|e| e.unpaid).map(|p| p.0).sum();
        prop_assert_eq!(unpaid, s.balance.0.max(0), "what is left of the invoices is what is owed");
    }

    /// A credit's sources add up to it (while the money paid covers it), none more than it paid.
    #[test]
    fn a_credit_is_made_of_what_was_paid(credit in 0i64..50_000, nets in prop::collection::vec(-5_000i64..30_000, 0..5)) {
        let sources: Vec<MoneySource> = nets.iter().enumerate().map(|(i, n)| MoneySource { tfc_account: (i % 2 == 0).then(|| format!("AAAA0000{i}TFC")), net: Pence(*n) }).collect();
        let shares = credit_sources(Pence(credit), &sources);
        let paid: i64 = nets.iter().map(|n| (*n).max(0)).sum();
        prop_assert_eq!(shares.iter().map(|s| s.net.0).sum::<i64>(), credit.min(paid));
        for share in &shares {
            prop_assert!(sources.iter().any(|s| s.tfc_account == share.tfc_account && s.net >= share.net));
        }
    }
}

#[test]
fn an_overdue_invoice_is_reminded_the_day_after_then_fortnightly_three_times() {
    let due = day("2027-01-15");
    let owed = Pence(9208);
    let step = |reminded: &[&str], unpaid: Pence, today: &str| {
        let reminded: Vec<Day> = reminded.iter().map(|d| day(d)).collect();
        overdue_step(due, &reminded, unpaid, day(today))
    };
    assert_eq!(step(&[], owed, "2027-01-15"), OverdueStep { remind: false, next: Some(day("2027-01-16")) }, "not overdue on its day");
    assert_eq!(step(&[], owed, "2027-01-16"), OverdueStep { remind: true, next: Some(day("2027-01-30")) });
    assert_eq!(step(&["2027-01-16"], owed, "2027-01-16"), OverdueStep { remind: false, next: Some(day("2027-01-30")) }, "once a day");
    assert_eq!(step(&["2027-01-16"], owed, "2027-01-30"), OverdueStep { remind: true, next: Some(day("2027-02-13")) });
    // A run missed for days: never two reminders within a fortnight.
    assert_eq!(step(&["2027-01-16"], owed, "2027-03-01"), OverdueStep { remind: true, next: Some(day("2027-03-15")) });
    assert_eq!(step(&["2027-01-16", "2027-01-30"], owed, "2027-02-13"), OverdueStep { remind: true, next: None }, "the third is the last");
    assert_eq!(step(&["2027-01-16", "2027-01-30", "2027-02-13"], owed, "2027-03-13"), OverdueStep { remind: false, next: None });
    assert_eq!(step(&[], Pence(0), "2027-01-20"), OverdueStep { remind: false, next: None }, "paid (or cancelled)");
}

fn session(id: &str, starts: &str, ends: &str, price: Price) -> SessionType {
    SessionType {
        session_type_id: SessionTypeId::parse(id).unwrap(),
        name: SessionName::parse(id).unwrap(),
        starts: ClockTime::parse(starts).unwrap(),
        ends: ClockTime::parse(ends).unwrap(),
        price,
        rooms: vec![],
    }
}

fn clock(raw: &str) -> ClockTime {
    ClockTime::parse(raw).unwrap()
}

#[test]
fn invoicing_from_attendance_charges_the_sessions_the_child_was_there_for() {
    let setup = Setup {
        sessions: vec![
            session("morning", "08:00", "13:00", Price::Session { pence: 3200 }),
            session("afternoon", "13:00", "18:00", Price::Hour { pence: 650 }),
            session("day", "08:00", "18:00", Price::Session { pence: 6000 }),
        ],
        extras: vec![offer("lunch", LineKind::Food, "Lunch", 350, &WorkDay::ALL)],
        invoice_from: InvoiceBasis::Attendance,
        ..Setup::default()
    }
    .checked()
    .unwrap();
    let mornings = || vec![SessionTypeId::parse("morning").unwrap()];
    let patterns = vec![Pattern {
        starts: day("2026-09-01"),
        week: Week { monday: mornings(), tuesday: mornings(), wednesday: mornings(), ..Week::default() },
    }];
    let changes = BTreeMap::new();
    let lunch = ids(&["lunch"]);
    // Monday as booked; Tuesday away; Wednesday collected at three (a late collection is the
    // afternoon, not the full day); Thursday, not booked, two hours in the morning.
    let presence: Presence = [
        ("2027-01-04", vec![(clock("08:05"), clock("12:55"))]),
        ("2027-01-06", vec![(clock("08:00"), clock("15:00"))]),
        ("2027-01-07", vec![(clock("09:00"), clock("11:00"))]),
    ]
    .into_iter()
    .map(|(d, p)| (day(d), p))
    .collect();
    let month = Month::parse("2027-01").unwrap();
    let attended =
        ChildMonth { setup: &setup, patterns: &patterns, changes: &changes, claims: &[], extras: &lunch, attended: Some(&presence) };
    let on = |d: &str| sessions_on(&attended, day(d)).iter().map(|s| s.session_type_id.to_string()).collect::<Vec<_>>();
    assert_eq!(on("2027-01-04"), ["morning"]);
    assert!(on("2027-01-05").is_empty(), "away: nothing charged");
    assert_eq!(on("2027-01-06"), ["morning", "afternoon"]);
    assert_eq!(on("2027-01-07"), ["morning"]);
    let bill = month_bill(&attended, month);
    let paid: Vec<(String, u32)> =
        bill.lines.iter().filter(|l| l.kind == LineKind::PaidHours).map(|l| (l.description.clone(), l.quantity)).collect();
    assert_eq!(paid, [("morning: paid hours".to_string(), 3 * 300), ("afternoon: paid hours".to_string(), 300)]);
    assert_eq!(bill.lines.iter().find(|l| l.kind == LineKind::Food).map(|l| l.quantity), Some(3), "lunch on the days there");
    // From bookings, the same month is every booked morning.
    let booked = ChildMonth { attended: None, ..attended };
    let mornings_booked =
        month_bill(&booked, month).lines.iter().filter(|l| l.kind == LineKind::PaidHours).map(|l| l.quantity).sum::<u32>();
    assert_eq!(mornings_booked, 12 * 300, "12 Mondays, Tuesdays and Wednesdays in January 2027");
}
