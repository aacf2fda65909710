import { Badge } from "@medusajs/ui"
import { MEDIUM_LABELS, type ArtProfile } from "../lib/product-profiles"
import { Row } from "./profile-section"

const dimensions = ({ width_cm, height_cm, depth_cm }: ArtProfile) =>
  `${[width_cm, height_cm, depth_cm]
    .filter((value): value is number => value !== null && value !== undefined)
    .join(" × ")} cm (W × H${depth_cm === null || depth_cm === undefined ? "" : " × D"})`

const Edition = ({ profile }: { profile: ArtProfile }) => {
  if (profile.one_of_a_kind) {
    return (
      <Badge size="2xsmall" color="purple">
        One of a kind
      </Badge>
    )
  }
  return <>{profile.edition_size === null ? "-" : `Edition of ${profile.edition_size}`}</>
}

export const ArtProfileDetails = ({ profile }: { profile: ArtProfile }) => (
  <>
    <Row label="Medium">{MEDIUM_LABELS[profile.medium] ?? profile.medium}</Row>
    <Row label="Dimensions">{dimensions(profile)}</Row>
    <Row label="Framed">{profile.framed ? "Yes" : "No"}</Row>
    <Row label="Artist">{profile.artist_name}</Row>
    <Row label="Year">{profile.year}</Row>
    <Row label="Style">{profile.style}</Row>
    <Row label="Subject">{profile.subject}</Row>
    <Row label="Surface">{profile.surface}</Row>
    <Row label="Edition">
      <Edition profile={profile} />
    </Row>
  </>
)
