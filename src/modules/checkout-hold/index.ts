import { Module } from "@medusajs/framework/utils"
import CheckoutHoldModuleService from "./service"

export const CHECKOUT_HOLD_MODULE = "checkout_hold"

export default Module(CHECKOUT_HOLD_MODULE, {
  service: CheckoutHoldModuleService,
})
