// Invoices: the managers say who pays for each child and preview and issue a month's invoices
// from the bookings; a bill payer reads their own invoices and downloads each as a PDF.
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Link } from "react-router";
import { idempotencyKey, unwrap, type Api, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit } from "../../ui/components";
import { lineWords, monthWords, pence, pounds, shiftMonth } from "./words";

type Bill = Schemas["Bill"];

function Lines({ bill, label }: { bill: Bill; label: string }) {
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Quantity</th>
          <th scope="col" className="number">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {bill.lines.map((l) => (
          <tr key={`${l.kind}-${l.description}`}>
            <td>{l.description}</td>
            <td>{lineWords(l)}</td>
            <td className="number">{pounds(l.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td className="number">
            <strong>{pounds(bill.total)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The managers' month: what is issued, what issuing would add, and who cannot be invoiced yet. */
export function InvoicesPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { today } = useClock();
  const [month, setMonth] = useState(today().slice(0, 7));
  const issue = useAction();
  const state = useApiQuery(keys.setting(settingId, "invoices", month), () =>
    unwrap(api.GET("/v1/settings/{settingId}/invoices", { params: { path: { settingId }, query: { month } } })),
  );
  const run = (m: Schemas["MonthView"]) =>
    issue.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/invoices/{month}/issue", {
            params: { path: { settingId, month: m.month }, header: { "If-Match": `"${m.version}"` } },
          }),
        ),
      `${m.toIssue.length === 1 ? "1 invoice" : `${m.toIssue.length} invoices`} issued; each payer is emailed.`,
    );
  return (
    <Page title="Invoices">
      <p>
        <Link to={setting(settingId, "/funding/headcount")}>Funding headcount</Link>
      </p>
      <p className="actions">
        <button type="button" onClick={() => setMonth(shiftMonth(month, -1))}>
          Earlier month
        </button>
        <strong aria-live="polite">{monthWords(month)}</strong>
        <button type="button" onClick={() => setMonth(shiftMonth(month, 1))}>
          Later month
        </button>
      </p>
      <ErrorBox error={issue.error} />
      <Done message={issue.done} />
      <Loaded state={state}>
        {(m) => (
          <>
            <h2>To issue for {monthWords(m.month)}</h2>
            {m.toIssue.length === 0 ? (
              <Empty>Nothing to issue.</Empty>
            ) : (
              <>
                <ul className="cards">
                  {m.toIssue.map((d) => (
                    <li key={`${d.childId}-${d.payerId}`} className="card" aria-label={`${d.childName}, to ${d.payerName}`}>
                      <strong>{d.childName}</strong>, to {d.payerName}
                      {d.payers > 1 ? ` (their part: ${d.payers} payers share the bill)` : ""}: {pounds(d.bill.total)}
                      <Lines bill={d.bill} label={`${d.childName}'s invoice to ${d.payerName}`} />
                    </li>
                  ))}
                </ul>
                <button type="button" className="primary" disabled={issue.busy} onClick={() => void run(m)}>
                  {issue.busy ? "Please wait…" : `Issue ${monthWords(m.month)}'s invoices`}
                </button>
              </>
            )}
            {m.notInvoiced.length > 0 && (
              <>
                <h2>Not invoiced yet</h2>
                <ul>
                  {m.notInvoiced.map((n) => (
                    <li key={n.childId}>
                      <Link to={setting(settingId, `/children/${n.childId}/bookings`)}>{n.childName}</Link>: {n.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h2>Issued</h2>
            {m.issued.length === 0 ? (
              <Empty>None issued for this month.</Empty>
            ) : (
              <ul>
                {m.issued.map((i) => (
                  <li key={i.invoiceId}>
                    <Link to={setting(settingId, `/invoices/${i.invoiceId}`)}>
                      {documentName(i.document)} {i.invoiceId}
                    </Link>
                    : {pounds(i.total)}
                    {i.correctedBy ? ` (corrected: credit note ${i.correctedBy})` : ""}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** A bill payer's own invoices, newest first. */
export function MyInvoicesPage({ settingId }: { settingId: string }) {
  const { api, me } = useSession();
  const { day } = useClock();
  const state = useApiQuery(keys.setting(settingId, "my-invoices"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/my-invoices", { params: { path: { settingId } } })),
  );
  return (
    <Page title="Invoices">
      <p>
        <Link to={setting(settingId, `/payers/${me.userId}/statement`)}>Your statement: what you owe and what you paid</Link>
      </p>
      <Loaded state={state}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>No invoices for you yet.</Empty>
          ) : (
            <ul className="cards">
              {list.items.map((i) => (
                <li key={i.invoiceId} className="card">
                  <Link to={setting(settingId, `/invoices/${i.invoiceId}`)}>
                    {i.childName}, {monthWords(i.month)}
                  </Link>
                  : {documentName(i.document)} {i.invoiceId}, {pounds(i.bill.total)}
                  {i.document === "invoice" ? `, due by ${day(i.due)}` : ""}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

/** Fetched with the session's token, then saved by the browser. */
async function downloadPdf(api: Api, settingId: string, invoiceId: string) {
  const { data, response } = await api.GET("/v1/settings/{settingId}/invoices/{invoiceId}/pdf", {
    params: { path: { settingId, invoiceId } },
    parseAs: "blob",
  });
  if (!response.ok || !data) throw new Error(`The invoice could not be fetched (${response.status}).`);
  const url = URL.createObjectURL(data as Blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `invoice-${invoiceId}.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One invoice, line by line, with its PDF. */
export function InvoicePage({ settingId, invoiceId }: { settingId: string; invoiceId: string }) {
  const { api, me } = useSession();
  const { day } = useClock();
  const manager = me.memberships.some((m) => m.settingId === settingId && m.role === "manager");
  const download = useAction({ changes: false });
  const state = useApiQuery(keys.setting(settingId, "invoice", invoiceId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/invoices/{invoiceId}", { params: { path: { settingId, invoiceId } } })),
  );
  return (
    <Page title={state.data?.document === "credit-note" ? `Credit note ${invoiceId}` : `Invoice ${invoiceId}`}>
      <Loaded state={state}>
        {(i) => (
          <>
            <p>
              From {i.settingName} to {i.payerName}, for {i.childName}, {monthWords(i.month)}.{i.document === "invoice" ? ` Due by ${day(i.due)}.` : ""}
            </p>
            {i.corrects && i.correction && (
              <p>
                {i.document === "credit-note" ? "Cancels" : "Replaces"}{" "}
                <Link to={setting(settingId, `/invoices/${i.corrects}`)}>invoice {i.corrects}</Link>: {reasonWords(i.correction.reason)}
                {i.correction.note ? ` (“${i.correction.note}”)` : ""}.
              </p>
            )}
            {i.payers > 1 && <p>{i.childName}&rsquo;s costs are shared between {i.payers} payers: this is your part of each line.</p>}
            <Lines bill={i.bill} label="The invoice's lines" />
            <p className="hint">Funded hours are shown as hours at no charge; they are never taken off a fee. Meals, consumables and activities are charged only where you opted in.</p>
            <ErrorBox error={download.error} />
            <button type="button" className="primary" disabled={download.busy} onClick={() => void download.run(() => downloadPdf(api, settingId, invoiceId))}>
              {download.busy ? "Please wait…" : `Download the ${i.document === "credit-note" ? "credit note" : "invoice"} (PDF)`}
            </button>
            <p>
              <Link to={setting(settingId, `/payers/${i.payerId}/statement`)}>{manager ? `${i.payerName}'s statement, and recording a payment` : "Your statement"}</Link>
            </p>
            {manager && i.document === "invoice" && <CorrectForm settingId={settingId} invoice={i} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}

const REASONS: Record<Schemas["CorrectionReason"], string> = {
  "bookings-changed": "the bookings changed",
  "funding-changed": "the funded hours changed",
  "extras-changed": "the extras changed",
  "price-changed": "a price was wrong",
  "payers-changed": "who pays changed",
  other: "another reason",
};

function reasonWords(reason: Schemas["CorrectionReason"]): string {
  return REASONS[reason] ?? reason;
}

function documentName(kind: Schemas["DocumentKind"]): string {
  return kind === "credit-note" ? "Credit note" : "Invoice";
}

/** The managers' correction: a credit note for the whole invoice and a replacement worked out
 * again from the bookings, funding, extras and payers as they are now, with the reason. */
function CorrectForm({ settingId, invoice }: { settingId: string; invoice: { invoiceId: string; month: string } }) {
  const { api } = useSession();
  const correct = useAction();
  const { register, handleSubmit } = useForm<{ reason: Schemas["CorrectionReason"]; note: string }>({ defaultValues: { reason: "bookings-changed", note: "" } });
  const submit = async (f: { reason: Schemas["CorrectionReason"]; note: string }) => {
    // The month's version: a correction numbers its documents on from the month's last.
    const month = await unwrap(api.GET("/v1/settings/{settingId}/invoices", { params: { path: { settingId }, query: { month: invoice.month } } }));
    return unwrap(
      api.POST("/v1/settings/{settingId}/invoices/{invoiceId}/correct", {
        params: { path: { settingId, invoiceId: invoice.invoiceId }, header: { "If-Match": `"${month.version}"` } },
        body: { reason: f.reason, note: f.note },
      }),
    );
  };
  return (
    <section aria-labelledby="correct-heading">
      <h2 id="correct-heading">Correct this invoice</h2>
      <p className="hint">The invoice stays as issued. A credit note cancels it and a replacement is worked out again from the bookings, funding, extras and payers as they are now; the payer is emailed both.</p>
      <ErrorBox error={correct.error} />
      <Done message={correct.done} />
      <form onSubmit={handleSubmit((f) => correct.run(() => submit(f), "Corrected: the credit note and the replacement are issued."))} aria-label="Correct this invoice">
        <Select label="Why" options={(Object.keys(REASONS) as Schemas["CorrectionReason"][]).map((r) => ({ value: r, label: REASONS[r] }))} {...register("reason")} />
        <Field label="Note for the payer (optional)" maxLength={500} {...register("note")} />
        <Submit busy={correct.busy}>Issue the correction</Submit>
      </form>
    </section>
  );
}

const METHODS: Record<Schemas["PaymentMethod"], string> = {
  "bank-transfer": "Bank transfer",
  card: "Card",
  "tax-free-childcare": "Tax-Free Childcare",
  voucher: "Childcare voucher",
  cash: "Cash",
};

const ENTRY_NAMES: Record<Schemas["StatementEntryKind"], string> = {
  invoice: "Invoice",
  "credit-note": "Credit note",
  payment: "Payment",
  refund: "Refund",
};

/** A payer's account: every invoice, credit note, payment and refund with the balance after each,
 * what is owed and what is overdue; the managers record payments (and refunds) here. */
export function StatementPage({ settingId, userId }: { settingId: string; userId: string }) {
  const { api, me } = useSession();
  const { day } = useClock();
  const manager = me.memberships.some((m) => m.settingId === settingId && m.role === "manager");
  const state = useApiQuery(keys.setting(settingId, "statement", userId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/payers/{userId}/statement", { params: { path: { settingId, userId } } })),
  );
  const own = userId === me.userId;
  return (
    <Page title={own ? "Your statement" : "Statement"} back={own ? { to: setting(settingId, "/my-invoices"), label: "Invoices" } : undefined}>
      <Loaded state={state}>
        {(s) => (
          <>
            {!own && <p>{s.payerName}&rsquo;s account.</p>}
            <p>
              <strong>{s.statement.balance < 0 ? `In credit: ${pounds(-s.statement.balance)}` : `Owed: ${pounds(s.statement.balance)}`}</strong>
              {s.statement.overdue > 0 ? `, of which ${pounds(s.statement.overdue)} is overdue` : ""}.
            </p>
            {s.statement.entries.length === 0 ? (
              <Empty>Nothing yet.</Empty>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Statement (scroll sideways on small screens)">
              <table aria-label="Statement">
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">What</th>
                    <th scope="col" className="number">
                      Amount
                    </th>
                    <th scope="col" className="number">
                      Balance
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.statement.entries.map((e) => (
                    <tr key={`${e.kind}-${e.reference}-${e.on}`}>
                      <td>{day(e.on)}</td>
                      <td>
                        {e.kind === "payment" || e.kind === "refund" ? (
                          `${ENTRY_NAMES[e.kind]}, ${e.reference}`
                        ) : (
                          <Link to={setting(settingId, `/invoices/${e.reference}`)}>
                            {ENTRY_NAMES[e.kind]} {e.reference}
                          </Link>
                        )}
                        {e.due ? `, due by ${day(e.due)}` : ""}
                        {e.unpaid !== undefined && e.unpaid !== null && e.unpaid > 0 && e.unpaid < e.amount ? ` (${pounds(e.unpaid)} still to pay)` : ""}
                      </td>
                      <td className="number">{pounds(e.amount)}</td>
                      <td className="number">{pounds(e.balance)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
            )}
            {manager && <PaymentForm settingId={settingId} userId={userId} credit={Math.max(0, -s.statement.balance)} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}

type PaymentFields = {
  direction: Schemas["PaymentDirection"];
  amount: string;
  method: Schemas["PaymentMethod"];
  reference: string;
  receivedOn: string;
  note: string;
};

/** Records a payment from the payer, or, while they are in credit, a refund to them (money from
 * a Tax-Free Childcare account goes back to that account: the API says so if not). */
function PaymentForm({ settingId, userId, credit }: { settingId: string; userId: string; credit: number }) {
  const { api } = useSession();
  const { today } = useClock();
  const record = useAction();
  const { register, handleSubmit, setError, formState, control } = useForm<PaymentFields>({
    defaultValues: { direction: "payment", method: "bank-transfer", reference: "", receivedOn: today(), note: "" },
  });
  const method = useWatch({ control, name: "method" });
  const refund = useWatch({ control, name: "direction" }) === "refund" && credit > 0;
  const submit = (f: PaymentFields) => {
    const amount = pence(f.amount);
    if (amount === null || amount === 0) {
      setError("amount", { message: "An amount in pounds, such as 149.38." });
      return;
    }
    const direction = refund ? "refund" : "payment";
    return record.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/payers/{userId}/payments", {
            params: { path: { settingId, userId } },
            body: { amount, direction, method: f.method, reference: f.reference, receivedOn: f.receivedOn, note: f.note },
            headers: idempotencyKey(),
          }),
        ),
      refund ? `Refund of ${pounds(amount)} recorded.` : `Payment of ${pounds(amount)} recorded.`,
    );
  };
  const tfc = method === "tax-free-childcare";
  return (
    <section aria-labelledby="payment-heading">
      <h2 id="payment-heading">{credit > 0 ? "Record a payment or a refund" : "Record a payment"}</h2>
      <ErrorBox error={record.error} />
      <Done message={record.done} />
      <form onSubmit={handleSubmit(submit)} aria-label="Record a payment">
        {credit > 0 && <p>In credit by {pounds(credit)}: a refund may be recorded.</p>}
        {credit > 0 && (
          <Select
            label="What"
            options={[
              { value: "payment", label: "A payment received" },
              { value: "refund", label: "A refund sent to them" },
            ]}
            {...register("direction")}
          />
        )}
        <Field label="Amount (£)" required inputMode="decimal" aria-invalid={formState.errors.amount ? true : undefined} {...register("amount", { required: true })} />
        {formState.errors.amount && <p className="error">{formState.errors.amount.message}</p>}
        <Select label="How" options={(Object.keys(METHODS) as Schemas["PaymentMethod"][]).map((m) => ({ value: m, label: METHODS[m] }))} {...register("method")} />
        <Field
          label={tfc ? (refund ? "Tax-Free Childcare reference it was paid with" : "Tax-Free Childcare reference") : "Reference (optional)"}
          hint={tfc ? "4 letters, 5 digits and TFC, such as AJON12345TFC" : undefined}
          maxLength={40}
          required={tfc}
          {...register("reference")}
        />
        <Field label={refund ? "Sent on" : "Received on"} type="date" required {...register("receivedOn", { required: true })} />
        <Field label="Note (optional)" maxLength={500} {...register("note")} />
        <Submit busy={record.busy}>{refund ? "Record the refund" : "Record the payment"}</Submit>
      </form>
    </section>
  );
}
