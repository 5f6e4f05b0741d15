//! Every answer of the bookings use cases besides success and the answers all areas share.

nestling_platform::problems! {
    pub enum BookingsProblem {
        StaleSetup => (409, "conflict", "The sessions changed since you read them; reload and try again"),
        StaleRota => (409, "conflict", "The rota changed since you read it; reload and try again"),
        StaleFunding => (409, "conflict", "The child's funding changed since you read it; reload and try again"),
        StaleBilling => (409, "conflict", "Who pays for the child changed since you read it; reload and try again"),
        StaleInvoices => (409, "conflict", "The month's invoices changed since you read them; reload and try again"),
        MonthNotBegun => (409, "month-not-begun", "A month's invoices are issued once the month has begun"),
        MonthNotOver => (409, "month-not-over", "Invoiced from attendance, a month is issued once it is over"),
        NothingToIssue => (409, "nothing-to-issue", "Every child booked this month is invoiced already, or none can be yet"),
        InvoiceCorrected => (409, "invoice-corrected", "The invoice is already corrected, or is a credit note"),
        InvoiceUnchanged => (409, "invoice-unchanged", "Worked out again, the invoice comes to the same: nothing to correct"),
        SessionInUse => (409, "session-in-use", "A child's pattern uses the session; change their pattern first"),
        NoSessions => (409, "no-sessions", "The setting has not set up its sessions yet"),
        RequestWaiting => (409, "request-waiting", "The same change already waits for a manager"),
        RequestDecided => (409, "request-decided", "The request has already been decided"),
        DayGone => (409, "day-gone", "That day has gone; its bookings can no longer change"),
    }
}
