/** Types of s3-stand-in.js, for the TypeScript tests that use it. */
export type S3StandIn = {
  endpoint: string
  bucket: string
  /** Public base URL of the bucket's files (S3_FILE_URL). */
  fileUrl: string
  /** The S3_* variables that point file-s3 at it. */
  env: Record<string, string>
  /** Keys of the objects in the bucket. */
  keys(): string[]
  /** The stored bytes of a key. */
  read(key: string): Buffer
  close(): Promise<void>
}

export function startS3StandIn(options: { directory: string; bucket?: string; port?: number }): Promise<S3StandIn>
