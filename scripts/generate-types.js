#!/usr/bin/env node
/**
 * `npm run types`: writes Medusa's generated types to .medusa/types (the module
 * services in the container and the entry points of Query), as `medusa develop`
 * and `medusa build` do, without starting the app or touching a database. The
 * type checks and the lint run against them, so `query.graph` results are typed
 * from the shop's own modules and links.
 */
require("ts-node").register({})
require("tsconfig-paths").register({})
const { initializeContainer } = require("@medusajs/medusa/loaders/index")
const { generateTypes } = require("@medusajs/medusa/commands/utils/generate-types")

async function main() {
  const directory = process.cwd()
  const container = await initializeContainer(directory, { skipDbConnection: true, throwOnValidationError: false })
  await generateTypes({ directory, container, logger: container.resolve("logger") })
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
