import fs from "fs"
import path from "path"
// s3rver ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver: new (options: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> } = require("s3rver")

const ROOT = path.resolve(__dirname, "..", "..")

/** Browsers PUT photos to presigned URLs from the admin's origin: the bucket must allow it. */
export const BUCKET_CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>`

export type S3StandIn = {
  endpoint: string
  bucket: string
  /** The S3_* variables that point file-s3 at it. */
  env: Record<string, string>
  /** Keys of the objects in the bucket. */
  keys(): string[]
  close(): Promise<void>
}

/** An S3-compatible server (s3rver) on a free port with one bucket, its files under .local-shop. */
export async function startS3StandIn(name: string, bucket = "shop-files"): Promise<S3StandIn> {
  const directory = path.join(ROOT, ".local-shop", "s3", `${name}-${process.pid}`)
  fs.rmSync(directory, { recursive: true, force: true })
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [BUCKET_CORS] }],
  })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const bucketDir = path.join(directory, bucket)
  return {
    endpoint,
    bucket,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_FILE_URL: `${endpoint}/${bucket}`,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
    keys: () =>
      fs.existsSync(bucketDir)
        ? fs
            .readdirSync(bucketDir, { recursive: true, encoding: "utf8" })
            .filter((f) => f.endsWith("._S3rver_object"))
            .map((f) => f.replace(/\._S3rver_object$/, ""))
        : [],
    close: async () => {
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
