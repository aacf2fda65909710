import { Module } from "@medusajs/framework/utils"
import SnackProfileModuleService from "./service"

export const SNACK_PROFILE_MODULE = "snack_profile"

export default Module(SNACK_PROFILE_MODULE, {
  service: SnackProfileModuleService,
})
