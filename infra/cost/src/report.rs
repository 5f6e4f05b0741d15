//! The printed tables.

use crate::bench::Bench;
use crate::model::Report;
use std::fmt::Write;

/// Functions listed in the "costing the most" table.
const TOP_FUNCTIONS: usize = 12;

/// `1234567.8` as `1,234,568`; small numbers keep a decimal or two.
pub fn quantity(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    if value.abs() < 10.0 {
        return format!("{value:.2}");
    }
    if value.abs() < 100.0 {
        return format!("{value:.1}");
    }
    let whole = format!("{:.0}", value.abs());
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Dollars to the cent, with "<0.01" for what rounds to nothing but is not nothing.
pub fn dollars(value: f64) -> String {
    if value > 0.0 && value < 0.005 {
        "<0.01".into()
    } else {
        format!("{value:.2}")
    }
}

pub fn render(source: &str, bench: &Bench, reports: &[Report]) -> String {
    let mut out = String::new();
    let arch = bench.architecture.as_deref().unwrap_or("an unknown machine");
    let memory = bench.memory_mb.map(|m| format!("{m:.0} MB")).unwrap_or_else(|| "an unknown memory".into());
    let _ = writeln!(out, "Nestling: a month at AWS list prices (Europe (London), arm64, US dollars)");
    let _ =
        writeln!(out, "Measurements: {source} (measured on {arch} at {memory}; Lambda is billed at each function's configured memory).");
    let _ =
        writeln!(out, "Assumptions: infra/cost/src/assumptions.rs (docs/cost.md). Totals are before any free tier; see the last lines.");
    let _ = writeln!(out);

    // service, item, unit; then quantity and dollars per scenario.
    let (w_service, w_item, w_unit, w_quantity, w_usd) = (12usize, 48usize, 9usize, 12usize, 9usize);
    let left = w_service + w_item + w_unit + 2;
    let right = w_quantity + w_usd + 1;
    let mut names = format!("{:<left$}", "");
    let mut header = format!("{:<w_service$} {:<w_item$} {:<w_unit$}", "service", "item", "unit");
    for report in reports {
        let _ = write!(names, "   {:>right$}", format!("{}, {:.0} children", report.name, report.children));
        let _ = write!(header, "   {:>w_quantity$} {:>w_usd$}", "quantity", "$/month");
    }
    let _ = writeln!(out, "{names}");
    let _ = writeln!(out, "{header}");
    let rule = "-".repeat(header.len());
    let _ = writeln!(out, "{rule}");
    if let Some(first) = reports.first() {
        for (i, line) in first.lines.iter().enumerate() {
            let _ = write!(out, "{:<w_service$} {:<w_item$} {:<w_unit$}", line.service, line.item, line.unit);
            for report in reports {
                let l = &report.lines[i];
                let _ = write!(out, "   {:>w_quantity$} {:>w_usd$}", quantity(l.quantity), dollars(l.usd()));
            }
            let _ = writeln!(out);
        }
    }
    let _ = writeln!(out, "{rule}");
    let summary = |out: &mut String, label: &str, value: &dyn Fn(&Report) -> String| {
        let _ = write!(out, "{label:<left$}");
        for report in reports {
            let _ = write!(out, "   {:>right$}", value(report));
        }
        let _ = writeln!(out);
    };
    summary(&mut out, "total a month", &|r| dollars(r.total()));
    summary(&mut out, "  of which fixed per deployment (alarms, KMS)", &|r| dollars(r.fixed()));
    summary(&mut out, "per child a month", &|r| format!("{:.3}", r.per_child()));
    summary(&mut out, "total after the always-free allowances", &|r| dollars(r.total_after_free()));
    summary(&mut out, "per child after the allowances", &|r| format!("{:.3}", r.total_after_free() / r.children));
    let _ = writeln!(out);

    let _ = writeln!(out, "What the month sets in motion:");
    summary(&mut out, "  photos and videos uploaded", &|r| quantity(r.flows.uploads));
    summary(&mut out, "  journal events (notify-fanout)", &|r| quantity(r.flows.journal_events));
    summary(&mut out, "  emails (of which digests)", &|r| format!("{} ({})", quantity(r.flows.emails), quantity(r.flows.digest_emails)));
    summary(&mut out, "  push messages", &|r| quantity(r.flows.pushes));
    summary(&mut out, "  Lambda invocations", &|r| quantity(r.functions.iter().map(|f| f.calls).sum()));
    let _ = writeln!(out);

    for report in reports.iter().take(1) {
        let _ = writeln!(out, "Functions costing the most, {} (Lambda, API Gateway, DynamoDB requests, logs and traces):", report.name);
        let _ = writeln!(
            out,
            "  {:<26} {:>10} {:>7} {:>8} {:>7} {:>9} {:>9} {:>9} {:>9}",
            "function", "calls", "ms/call", "cold", "MB", "Lambda $", "API $", "DDB $", "total $"
        );
        let mut ranked: Vec<_> = report.functions.iter().collect();
        ranked.sort_by(|a, b| b.usd().total_cmp(&a.usd()));
        for f in ranked.iter().take(TOP_FUNCTIONS) {
            let _ = writeln!(
                out,
                "  {:<26} {:>10} {:>7} {:>8} {:>7} {:>9} {:>9} {:>9} {:>9}",
                f.name,
                quantity(f.calls),
                format!("{:.0}", f.ms_per_call),
                quantity(f.cold_starts),
                format!("{:.0}", f.memory_mb),
                format!("{:.3}", f.lambda_usd()),
                format!("{:.3}", f.api_usd()),
                format!("{:.3}", f.dynamodb_usd()),
                format!("{:.3}", f.usd()),
            );
        }
        let all: f64 = report.functions.iter().map(|f| f.usd()).sum();
        let _ = writeln!(
            out,
            "  all {} functions together: ${}; everything else on the bill is storage, media, identity and fixed costs.",
            report.functions.len(),
            dollars(all)
        );
        let _ = writeln!(out);
    }

    if let Some(report) = reports.first() {
        let mut problems = Vec::new();
        if !report.missing.is_empty() {
            problems.push(format!(
                "NOT MEASURED: {} function(s) of the route table have no row in the measurements, so their DynamoDB requests are counted as zero: {}",
                report.missing.len(),
                report.missing.join(", ")
            ));
        }
        if !report.unmeasured.is_empty() {
            let list: Vec<String> = report.unmeasured.iter().map(|(f, field)| format!("{f}.{field}")).collect();
            problems.push(format!("NOT MEASURED: null figures counted as zero: {}", list.join(", ")));
        }
        if !report.no_usage.is_empty() {
            problems.push(format!("NO USAGE FIGURE (counted as never called): {}", report.no_usage.join(", ")));
        }
        if !report.unknown.is_empty() {
            problems.push(format!("Ignored rows for functions the route table does not have: {}", report.unknown.join(", ")));
        }
        for (name, peak, memory) in &report.over_memory {
            problems.push(format!("{name}: measured peak {peak:.1} MB is over its configured {memory:.0} MB"));
        }
        for p in problems {
            let _ = writeln!(out, "{p}");
        }
    }
    let _ = writeln!(out, "Not billed or free at any scale here: {}.", crate::assumptions::NOT_BILLED);
    out
}
