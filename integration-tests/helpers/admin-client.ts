import type { TestApi } from "./store-client"
import { OWNER } from "./store-client"

/** Logs the seeded owner in and returns request options with their token. */
export async function adminHeaders(api: TestApi) {
  const { data } = await api.post("/auth/user/emailpass", OWNER)
  return { headers: { authorization: `Bearer ${data.token}` } }
}

/** Runs a request expected to fail and returns its response (axios throws on 4xx). */
export async function failing(request: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    await request
  } catch (e: any) {
    if (e?.response) {
      return e.response
    }
    throw e
  }
  throw new Error("expected the request to fail, but it succeeded")
}
