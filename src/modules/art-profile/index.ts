import { Module } from "@medusajs/framework/utils"
import ArtProfileModuleService from "./service"

export const ART_PROFILE_MODULE = "art_profile"

export default Module(ART_PROFILE_MODULE, {
  service: ArtProfileModuleService,
})
