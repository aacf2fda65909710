import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import CashOnDeliveryProvider from "./service"

/** Registered in the Payment Module as `{ resolve, id: "cod" }`: provider id `pp_cod_cod`. */
export default ModuleProvider(Modules.PAYMENT, {
  services: [CashOnDeliveryProvider],
})
