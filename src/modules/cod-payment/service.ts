import { randomUUID } from "crypto"
import type {
  AuthorizePaymentInput,
  BigNumberInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, MathBN, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"

type CodData = {
  method: "cash_on_delivery"
  reference: string
  amount?: unknown
  currency_code?: string
  authorized_at?: string
  collected_at?: string
  cancelled_at?: string
  refunded?: unknown
}

/**
 * Cash on delivery (`pp_cod_cod`): the order is placed with the payment
 * authorized (a promise to pay at the door); the owner captures it in Medusa
 * Admin when the cash is collected; cancelling the order cancels it. No money
 * moves through this provider, so every call is bookkeeping on the payment data.
 */
/* eslint-disable @typescript-eslint/require-await -- Medusa's payment provider contract is async; cash on delivery has nothing to wait for */
class CashOnDeliveryProvider extends AbstractPaymentProvider {
  static identifier = "cod"

  // AbstractPaymentProvider's constructor is protected; module providers are built with `new`.
  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    super(container, options)
  }

  /**
   * The payment's data as this provider wrote it: its own fields only. A
   * session's data may carry whatever the storefront sent with it (Medusa
   * merges it in), so nothing else is kept, and until authorization no
   * bookkeeping field is believed either: a shopper cannot mark cash collected.
   */
  private data(input: { data?: Record<string, unknown> }, stage: "session" | "payment" = "payment"): CodData {
    const given = input.data ?? {}
    const text = (key: keyof CodData) => {
      const value = given[key]
      return typeof value === "string" ? value : undefined
    }
    const data: CodData = {
      method: "cash_on_delivery",
      reference: text("reference") ?? randomUUID(),
      amount: given.amount,
      currency_code: text("currency_code"),
    }
    if (stage === "payment") {
      Object.assign(data, {
        authorized_at: text("authorized_at"),
        collected_at: text("collected_at"),
        cancelled_at: text("cancelled_at"),
        refunded: given.refunded,
      })
    }
    return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as CodData
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data: CodData = {
      method: "cash_on_delivery",
      reference: randomUUID(),
      amount: input.amount,
      currency_code: input.currency_code,
    }
    return { id: data.reference, data }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return {
      status: PaymentSessionStatus.AUTHORIZED,
      data: { ...this.data(input, "session"), authorized_at: new Date().toISOString() },
    }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return { data: { ...this.data(input), collected_at: new Date().toISOString() } }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: { ...this.data(input), cancelled_at: new Date().toISOString() } }
  }

  /** `refunded` is the total refunded so far: a second partial refund adds to the first. */
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = this.data(input)
    // A number, or Medusa's serialized amount; anything else converts to NaN and counts as none.
    const before = MathBN.convert(data.refunded as BigNumberInput)
    const total = before.isFinite() ? MathBN.add(before, input.amount) : MathBN.convert(input.amount)
    return { data: { ...data, refunded: total.toNumber() } }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = this.data(input)
    if (data.cancelled_at) return { status: PaymentSessionStatus.CANCELED, data }
    if (data.collected_at) return { status: PaymentSessionStatus.CAPTURED, data }
    if (data.authorized_at) return { status: PaymentSessionStatus.AUTHORIZED, data }
    return { status: PaymentSessionStatus.PENDING, data }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: this.data(input) }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { data: { ...this.data(input, "session"), amount: input.amount, currency_code: input.currency_code } }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: this.data(input) }
  }

  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}

export default CashOnDeliveryProvider
