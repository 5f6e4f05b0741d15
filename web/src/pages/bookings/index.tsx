// Sessions and bookings: the managers set up the sessions, terms and closures and decide what
// waits; a child's month shows what they are booked into, where a family asks for changes;
// the managers issue a month's invoices and each bill payer reads and downloads their own;
// before the local authority's headcount the managers check each funded child's term.
import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting } from "../../routes";

const BookingRequestsPage = lazy(() => import("./bookings").then((m) => ({ default: m.BookingRequestsPage })));
const BookingSetupPage = lazy(() => import("./bookings").then((m) => ({ default: m.BookingSetupPage })));
const StaffingPage = lazy(() => import("./staffing").then((m) => ({ default: m.StaffingPage })));
const InvoicesPage = lazy(() => import("./invoices").then((m) => ({ default: m.InvoicesPage })));
const MyInvoicesPage = lazy(() => import("./invoices").then((m) => ({ default: m.MyInvoicesPage })));
const InvoicePage = lazy(() => import("./invoices").then((m) => ({ default: m.InvoicePage })));
const StatementPage = lazy(() => import("./invoices").then((m) => ({ default: m.StatementPage })));
const HeadcountPage = lazy(() => import("./headcount").then((m) => ({ default: m.HeadcountPage })));
const ChildBookingsPage = lazy(() => import("./bookings").then((m) => ({ default: m.ChildBookingsPage })));

export const bookingsRoutes: RouteDef[] = [
  { path: "bookings", roles: ["manager"], render: (p) => <BookingRequestsPage settingId={p.settingId!} /> },
  { path: "bookings/setup", roles: ["manager"], render: (p) => <BookingSetupPage settingId={p.settingId!} /> },
  { path: "staffing", roles: ["manager"], render: (p) => <StaffingPage settingId={p.settingId!} /> },
  { path: "invoices", roles: ["manager"], render: (p) => <InvoicesPage settingId={p.settingId!} /> },
  { path: "funding/headcount", roles: ["manager"], render: (p) => <HeadcountPage settingId={p.settingId!} /> },
  { path: "my-invoices", roles: ["parent"], render: (p) => <MyInvoicesPage settingId={p.settingId!} /> },
  {
    path: "invoices/:invoiceId",
    roles: ["parent", "manager"],
    render: (p) => <InvoicePage key={p.invoiceId} settingId={p.settingId!} invoiceId={p.invoiceId!} />,
  },
  {
    path: "payers/:userId/statement",
    roles: ["parent", "manager"],
    render: (p) => <StatementPage key={p.userId} settingId={p.settingId!} userId={p.userId!} />,
  },
  {
    path: "children/:childId/bookings",
    roles: ["parent", "practitioner", "manager"],
    render: (p) => <ChildBookingsPage key={p.childId} settingId={p.settingId!} childId={p.childId!} />,
  },
];

export const bookingsNav: NavItem[] = [
  { label: "Bookings", path: (s) => setting(s, "/bookings"), roles: ["manager"] },
  { label: "Staffing", path: (s) => setting(s, "/staffing"), roles: ["manager"] },
  { label: "Invoices", path: (s) => setting(s, "/invoices"), roles: ["manager"] },
  { label: "Invoices", path: (s) => setting(s, "/my-invoices"), roles: ["parent"] },
];
