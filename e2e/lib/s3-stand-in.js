/**
 * An S3-compatible server (s3rver) for the end-to-end suite and the HTTP tests:
 * one bucket that lets the admin's origin PUT to presigned URLs, its files in
 * `directory` (removed on close). Types in s3-stand-in.d.ts.
 */
const fs = require("fs")
const path = require("path")
const S3rver = require("s3rver")

const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>`

async function startS3StandIn({ directory, bucket = "shop-files", port = 0 }) {
  fs.rmSync(directory, { recursive: true, force: true })
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [CORS] }],
  })
  const address = await server.run()
  const endpoint = `http://127.0.0.1:${address.port}`
  const bucketDir = path.join(directory, bucket)
  return {
    endpoint,
    bucket,
    fileUrl: `${endpoint}/${bucket}`,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_FILE_URL: `${endpoint}/${bucket}`,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
    /** Keys of the objects in the bucket. */
    keys: () =>
      fs.existsSync(bucketDir)
        ? fs
            .readdirSync(bucketDir, { recursive: true, encoding: "utf8" })
            .filter((f) => f.endsWith("._S3rver_object"))
            .map((f) => f.replace(/\._S3rver_object$/, ""))
        : [],
    /** The stored bytes of a key. */
    read: (key) => fs.readFileSync(path.join(bucketDir, `${key}._S3rver_object`)),
    close: async () => {
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}

module.exports = { startS3StandIn }
