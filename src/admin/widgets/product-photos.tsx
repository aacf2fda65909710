import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { ArrowUpTray } from "@medusajs/icons"
import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useRef, useState } from "react"
import { uploadErrorMessage, useUploadProductPhotos } from "../lib/photo-upload"

const ACCEPT = "image/jpeg,image/png,image/webp"

/** Photos straight from the owner's phone or laptop to the shop's storage. */
const ProductPhotosWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const input = useRef<HTMLInputElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [uploading, setUploading] = useState<string | null>(null)
  const upload = useUploadProductPhotos(data.id)
  const images = data.images ?? []

  const onFiles = (list: FileList | null) => {
    const files = Array.from(list ?? [])
    if (input.current) {
      input.current.value = ""
    }
    if (!files.length) {
      return
    }
    setError(null)
    setUploading(files.map((f) => f.name).join(", "))
    upload.mutate(files, {
      onSuccess: (attached) => toast.success(attached.length === 1 ? "Photo added" : `${attached.length} photos added`),
      onError: (e) => {
        const message = uploadErrorMessage(e)
        setError(message)
        toast.error(message)
      },
      onSettled: () => setUploading(null),
    })
  }

  return (
    <Container className="divide-y p-0" role="region" aria-label="Photos">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h2">Photos</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            JPEG, PNG or WebP, up to 5 MB each, sent straight to the shop's storage.
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          type="button"
          isLoading={upload.isPending}
          onClick={() => input.current?.click()}
        >
          <ArrowUpTray />
          Upload photos
        </Button>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          multiple
          className="hidden"
          aria-label="Photo files"
          onChange={(e) => onFiles(e.target.files)}
        />
      </div>
      {uploading && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-3" role="status">
          Uploading {uploading}…
        </Text>
      )}
      {error && (
        <Text size="small" className="text-ui-fg-error break-words px-6 py-3" role="alert">
          {error}
        </Text>
      )}
      <div className="px-6 py-4">
        {images.length ? (
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4" aria-label="Product photos">
            {images.map((image) => (
              <li key={image.id} className="bg-ui-bg-subtle aspect-square overflow-hidden rounded-md border">
                <img src={image.url} alt={`${data.title} photo`} className="h-full w-full object-cover" />
              </li>
            ))}
          </ul>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            No photos yet.
          </Text>
        )}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default ProductPhotosWidget
