use super::*;
use crate::bookings::ClockTime;
use crate::{SessionName, SessionTypeId};
use proptest::prelude::*;

fn session(name: &str, starts: &str, ends: &str, price: Price) -> SessionType {
    SessionType {
        session_type_id: SessionTypeId::parse(&name.to_lowercase().replace(' ', "-")).unwrap(),
        name: SessionName::parse(name).unwrap(),
        starts: ClockTime::parse(starts).unwrap(),
        ends: ClockTime::parse(ends).unwrap(),
        price,
        rooms: vec![],
    }
}

fn day(raw: &str) -> Day {
    Day::parse(raw).unwrap()
}

/// "89 h 25 m".
fn hours(minutes: u32) -> String {
    format!("{} h {} m", minutes / 60, minutes % 60)
}

#[test]
fn money_is_said_in_pounds_and_shared_exactly() {
    assert_eq!(Pence(29208).to_string(), "£292.08");
    assert_eq!(Pence(-1250).to_string(), "-£12.50");
    assert_eq!(Pence(123456789).to_string(), "£1,234,567.89");
    assert_eq!(Pence(5).to_string(), "£0.05");
    assert_eq!(share(Pence(7000), 458, 600), Pence(5343), "£53.4333 rounds down");
    assert_eq!(share(Pence(7000), 459, 600), Pence(5355));
    assert_eq!(share(Pence(1), 1, 2), Pence(1), "half a penny rounds up");
    let morning = session("Morning", "08:00", "13:00", Price::Session { pence: 3200 });
    let priced = price_week(vec![BookedSession { day: day("2027-01-04"), session: &morning }], 180);
    assert_eq!((priced[0].paid_minutes, priced[0].charge), (120, Pence(1280)), "three of five hours funded: £12.80");
    assert_eq!(share(Pence(-1), 1, 2), Pence(-1), "and away from zero on a credit");
}

#[test]
fn a_funded_year_is_handed_out_week_by_week_to_the_minute() {
    let weeks: Vec<u32> = (1..=51).map(|k| funded_minutes_of_week(1_140, 51, k)).collect();
    assert_eq!(weeks.iter().sum::<u32>(), 1_140 * 60);
    assert!(weeks.iter().all(|m| (1341..=1342).contains(m)), "22 h 21 m or 22 h 22 m: {weeks:?}");
    assert_eq!(funded_minutes_of_week(570, 38, 1), 900, "15 hours a week in term time");
    assert_eq!(funded_minutes_of_week(570, 38, 39), 0, "nothing past the year");
    assert_eq!(Delivery::Stretched { weeks: 51 }.weeks(), 51);
    assert_eq!(FundingStream::WorkingParent30.hours_a_year(), 1_140);
    assert!(FundingStream::WorkingParent15.needs_code() && !FundingStream::Universal.needs_code());
}

/// The worked example of docs/billing.md, figure by figure: Amara, two, 30 funded hours a week
/// for working parents stretched over 51 weeks, booked for full days (08:00 to 18:00, £70) on
/// Mondays, Tuesdays and Wednesdays, with lunch, nappies and a Wednesday music class; her
/// parents live apart and pay 60% and 40%.
#[test]
fn the_worked_example_in_the_docs_adds_up() {
    let full_day = session("Full day", "08:00", "18:00", Price::Session { pence: 7000 });
    let mondays = ["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"];
    let mut priced = Vec::new();
    let mut extras = Vec::new();
    // January's weeks are the 17th to 20th funded weeks of her year.
    for (k, monday) in (17..).zip(mondays) {
        let week: Vec<BookedSession<'_>> = (0..3).map(|d| BookedSession { day: day(monday).plus_days(d), session: &full_day }).collect();
        for b in &week {
            extras.push(Extra { kind: LineKind::Food, description: "Lunch".into(), day: b.day, amount: Pence(350) });
            extras.push(Extra { kind: LineKind::Consumables, description: "Nappies and wipes".into(), day: b.day, amount: Pence(100) });
        }
        extras.push(Extra {
            kind: LineKind::Activities,
            description: "Music class".into(),
            day: day(monday).plus_days(2),
            amount: Pence(600),
        });
        priced.extend(price_week(week, funded_minutes_of_week(1_140, 51, k)));
    }
    let weekly: Vec<u32> = (17..=20).map(|k| funded_minutes_of_week(1_140, 51, k)).collect();
    assert_eq!(weekly, [1342, 1341, 1341, 1341]);
    let wednesdays: Vec<Pence> = priced.iter().filter(|p| p.paid_minutes > 0).map(|p| p.charge).collect();
    assert_eq!(wednesdays, [Pence(5343), Pence(5355), Pence(5355), Pence(5355)], "only Wednesdays have paid hours");
    assert!(priced.iter().all(|p| p.funded_minutes == 0 || p.paid_minutes > 0 || p.charge == Pence(0)));
    let bill = Bill::of(month_lines(&priced, &extras));
    let lines: Vec<(LineKind, String, u32, Pence)> =
        bill.lines.iter().map(|l| (l.kind, l.description.clone(), l.quantity, l.amount)).collect();
    assert_eq!(
        lines,
        [
            (LineKind::FundedHours, "Funded hours".to_string(), 5365, Pence(0)),
            (LineKind::PaidHours, "Full day: paid hours".to_string(), 1835, Pence(21408)),
            (LineKind::Food, "Lunch".to_string(), 12, Pence(4200)),
            (LineKind::Consumables, "Nappies and wipes".to_string(), 12, Pence(1200)),
            (LineKind::Activities, "Music class".to_string(), 4, Pence(2400)),
        ]
    );
    assert_eq!(bill.total, Pence(29208));
    let split = Split::Percent { shares: vec![("mum".into(), 6000), ("dad".into(), 4000)] };
    assert_eq!(split.check(), Ok(()));
    let parts = split_bill(&bill, &split);
    let totals: Vec<Pence> = parts.iter().map(|(_, b)| b.total).collect();
    assert_eq!(totals, [Pence(17525), Pence(11683)]);
    assert_eq!(parts[0].1.lines[1].amount, Pence(12845), "the odd penny of the paid hours goes to the larger remainder");
    assert!(parts.iter().all(|(_, b)| b.lines[0].kind == LineKind::FundedHours), "both see the funded hours");
    // A correction: one music class did not happen. The issued invoice stays; a credit note
    // cancels it and a replacement is issued.
    let mut corrected = bill.lines.clone();
    corrected[4] = Line { quantity: 3, amount: Pence(1800), ..corrected[4].clone() };
    let replacement = Bill::of(corrected);
    let credit = bill.credit_note();
    assert_eq!((credit.total, replacement.total), (Pence(-29208), Pence(28608)));
    // Every figure the docs give is these.
    let docs = include_str!("../../../docs/billing.md");
    for figure in [
        hours(5365),
        hours(1835),
        Pence(5343).to_string(),
        Pence(5355).to_string(),
        Pence(21408).to_string(),
        Pence(4200).to_string(),
        Pence(1200).to_string(),
        Pence(2400).to_string(),
        Pence(29208).to_string(),
        Pence(17525).to_string(),
        Pence(11683).to_string(),
        Pence(12845).to_string(),
        Pence(8563).to_string(),
        Pence(2520).to_string(),
        Pence(1680).to_string(),
        Pence(720).to_string(),
        Pence(480).to_string(),
        Pence(1440).to_string(),
        Pence(960).to_string(),
        Pence(1280).to_string(),
        Pence(-29208).to_string(),
        Pence(28608).to_string(),
        "1,342".into(),
        "1,341".into(),
    ] {
        assert!(docs.contains(&figure), "docs/billing.md gives {figure}");
    }
}

#[test]
fn a_split_adds_up_and_names_each_payer_once() {
    assert_eq!(Split::Percent { shares: vec![("a".into(), 5000), ("b".into(), 4000)] }.check(), Err(SplitError::NotWhole));
    assert_eq!(Split::Percent { shares: vec![("a".into(), 5000), ("a".into(), 5000)] }.check(), Err(SplitError::Payers));
    let by_item =
        Split::Item { payers: vec!["mum".into(), "dad".into()], kinds: [(LineKind::Food, "dad".to_string())].into_iter().collect() };
    assert_eq!(by_item.check(), Ok(()));
    let bill = Bill::of(vec![
        Line { kind: LineKind::PaidHours, description: "Paid".into(), quantity: 60, amount: Pence(1000) },
        Line { kind: LineKind::Food, description: "Lunch".into(), quantity: 2, amount: Pence(700) },
    ]);
    let parts = split_bill(&bill, &by_item);
    assert_eq!((parts[0].1.total, parts[1].1.total), (Pence(1000), Pence(700)));
    let funded = Bill::of(vec![Line { kind: LineKind::FundedHours, description: "Funded hours".into(), quantity: 600, amount: Pence(0) }]);
    assert!(split_bill(&funded, &by_item).iter().all(|(_, b)| b.lines.len() == 1), "both are shown the funded hours");
    assert_eq!(apportion(Pence(100), &[1, 1, 1]), [Pence(34), Pence(33), Pence(33)]);
    assert_eq!(apportion(Pence(-100), &[1, 1, 1]), [Pence(-34), Pence(-33), Pence(-33)]);
}

fn price() -> impl Strategy<Value = Price> {
    prop_oneof![(0u32..20_000).prop_map(|pence| Price::Session { pence }), (0u32..3_000).prop_map(|pence| Price::Hour { pence })]
}

fn line() -> impl Strategy<Value = Line> {
    let kinds = [LineKind::FundedHours, LineKind::PaidHours, LineKind::Food, LineKind::Consumables, LineKind::Activities];
    (0usize..5, 0u32..3_000, -500_000i64..500_000).prop_map(move |(k, quantity, amount)| Line {
        kind: kinds[k],
        description: format!("{k}"),
        quantity,
        amount: Pence(if k == 0 { 0 } else { amount }),
    })
}

proptest! {
    /// However a week is booked and funded, funded minutes are never charged: a session is
    /// charged only for its paid minutes, funding goes no further than the week's bookings,
    /// and a fully funded session costs nothing.
    #[test]
    fn funded_hours_are_never_charged(
        sessions in proptest::collection::vec((0u16..12, 1u16..10, price(), 0i64..5), 0..8),
        funded in 0u32..3_000,
    ) {
        let types: Vec<SessionType> = sessions
            .iter()
            .map(|(start, length, price, _)| SessionType {
                session_type_id: SessionTypeId::parse("s").unwrap(),
                name: SessionName::parse("S").unwrap(),
                starts: ClockTime::from_minutes(start * 60),
                ends: ClockTime::from_minutes((start + length).min(23) * 60 + if start + length > 23 { 59 } else { 0 }),
                price: *price,
                rooms: vec![],
            })
            .collect();
        let week: Vec<BookedSession<'_>> =
            types.iter().zip(&sessions).map(|(s, (_, _, _, d))| BookedSession { day: day("2027-01-04").plus_days(*d), session: s }).collect();
        let booked: u32 = week.iter().map(|b| b.session.minutes()).sum();
        let priced = price_week(week, funded);
        prop_assert_eq!(priced.iter().map(|p| p.funded_minutes).sum::<u32>(), funded.min(booked));
        for p in &priced {
            prop_assert_eq!(p.funded_minutes + p.paid_minutes, p.session.minutes());
            let full = match p.session.price { Price::Hour { pence } => share(Pence(i64::from(pence)), i64::from(p.session.minutes()), 60), Price::Session { pence } => Pence(i64::from(pence)) };
            let unfunded_share = share(full, i64::from(p.paid_minutes), i64::from(p.session.minutes()));
            prop_assert!((p.charge.0 - unfunded_share.0).abs() <= 1, "charged {} for {} paid minutes of {}", p.charge, p.paid_minutes, p.session.minutes());
            if p.paid_minutes == 0 {
                prop_assert_eq!(p.charge, Pence(0));
            }
        }
    }

    /// An invoice's lines add up to its total; split between payers, every line's parts add up
    /// to the line to the penny, so the payers' totals add up to the invoice's.
    #[test]
    fn items_sum_to_totals_and_split_parts_to_the_whole(
        lines in proptest::collection::vec(line(), 0..12),
        weights in proptest::collection::vec(0u32..10_000, 1..4),
    ) {
        let bill = Bill::of(lines.clone());
        prop_assert_eq!(bill.total, lines.iter().map(|l| l.amount).sum::<Pence>());
        let sum: u32 = weights.iter().sum();
        prop_assume!(sum > 0);
        // Hundredths of a percent that add up to 100%: the last payer takes the rounding.
        let mut shares: Vec<(String, u32)> = weights.iter().enumerate().map(|(i, w)| (format!("p{i}"), w * 10_000 / sum)).collect();
        let given: u32 = shares.iter().map(|(_, s)| s).sum();
        shares.last_mut().unwrap().1 += 10_000 - given;
        let split = Split::Percent { shares: shares.clone() };
        prop_assert_eq!(split.check(), Ok(()));
        let parts = split_bill(&bill, &split);
        prop_assert_eq!(parts.iter().map(|(_, b)| b.total).sum::<Pence>(), bill.total);
        for line in &bill.lines {
            let weights: Vec<u32> = shares.iter().map(|(_, s)| *s).collect();
            let pieces = apportion(line.amount, &weights);
            prop_assert_eq!(pieces.iter().copied().sum::<Pence>(), line.amount);
            for (piece, w) in pieces.iter().zip(&weights) {
                let exact = i128::from(line.amount.0) * i128::from(*w);
                prop_assert!((i128::from(piece.0) * 10_000 - exact).abs() < 10_000, "each part within a penny of its share");
            }
        }
    }

    /// A credit note cancels the invoice it corrects exactly, so with its replacement it leaves
    /// what the corrected invoice says, kind by kind.
    #[test]
    fn a_credit_note_and_its_replacement_equal_the_corrected_invoice(
        original in proptest::collection::vec(line(), 0..10),
        corrected in proptest::collection::vec(line(), 0..10),
    ) {
        let issued = Bill::of(original);
        let credit = issued.credit_note();
        let replacement = Bill::of(corrected.clone());
        prop_assert_eq!(issued.total + credit.total + replacement.total, Bill::of(corrected.clone()).total);
        for kind in [LineKind::FundedHours, LineKind::PaidHours, LineKind::Food, LineKind::Consumables, LineKind::Activities] {
            let of = |b: &Bill| b.lines.iter().filter(|l| l.kind == kind).map(|l| l.amount).sum::<Pence>();
            prop_assert_eq!(of(&issued) + of(&credit) + of(&replacement), corrected.iter().filter(|l| l.kind == kind).map(|l| l.amount).sum::<Pence>());
        }
        prop_assert!(credit.lines.iter().zip(&issued.lines).all(|(c, i)| c.kind == i.kind && c.quantity == i.quantity && c.amount == -i.amount));
    }

    /// A funded year adds up to its hours whatever it is spread over, each week within a minute
    /// of the average.
    #[test]
    fn any_funded_year_adds_up(hours in prop_oneof![Just(570u32), Just(1_140u32)], weeks in 38u32..=52) {
        let minutes: Vec<u32> = (1..=weeks).map(|k| funded_minutes_of_week(hours, weeks, k)).collect();
        prop_assert_eq!(minutes.iter().sum::<u32>(), hours * 60);
        let low = hours * 60 / weeks;
        prop_assert!(minutes.iter().all(|m| *m == low || *m == low + 1));
    }
}
