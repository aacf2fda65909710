import path from "path"
import { startS3StandIn as start, type S3StandIn } from "../../e2e/lib/s3-stand-in"

export type { S3StandIn }

/** An S3-compatible bucket (s3rver) on a free port, its files under .local-shop/s3. */
export function startS3StandIn(name: string): Promise<S3StandIn> {
  return start({ directory: path.resolve(__dirname, "..", "..", ".local-shop", "s3", `${name}-${process.pid}`) })
}
