import { Badge, Table, Text } from "@medusajs/ui"
import {
  ALLERGEN_LABELS,
  DIETARY_TAG_LABELS,
  NUTRITION_KEYS,
  NUTRITION_LABELS,
  type Nutrition,
  type SnackProfile,
} from "../lib/product-profiles"
import { BadgeList, Row, withUnit } from "./profile-section"

const Allergens = ({ profile }: { profile: SnackProfile }) => {
  if (!profile.allergens_declared) {
    return (
      <Badge size="2xsmall" color="orange">
        Not declared
      </Badge>
    )
  }
  if (!profile.allergens.length) {
    return <>Contains none of the listed allergens</>
  }
  return <BadgeList values={profile.allergens} labels={ALLERGEN_LABELS} color="red" />
}

const perishableText = (profile: SnackProfile) => {
  if (!profile.perishable) {
    return "No"
  }
  return profile.max_per_order === null
    ? "Yes, shop's default limit per order"
    : `Yes, at most ${profile.max_per_order} per order`
}

const NutritionTable = ({ nutrition }: { nutrition: Nutrition }) => (
  <div className="flex flex-col gap-y-2 px-6 py-4">
    <Text size="small" weight="plus" leading="compact" className="text-ui-fg-subtle">
      Nutrition per 100 g
    </Text>
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Nutrient</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Per 100 g</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {NUTRITION_KEYS.map((key) => (
          <Table.Row key={key}>
            <Table.Cell>{NUTRITION_LABELS[key].label}</Table.Cell>
            <Table.Cell className="text-right">
              {withUnit(nutrition[key], NUTRITION_LABELS[key].unit) ?? "-"}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  </div>
)

export const SnackProfileDetails = ({ profile }: { profile: SnackProfile }) => (
  <>
    <Row label="Ingredients">{profile.ingredients.join(", ")}</Row>
    <Row label="Allergens">
      <Allergens profile={profile} />
    </Row>
    <Row label="Dietary">
      <BadgeList values={profile.dietary_tags} labels={DIETARY_TAG_LABELS} color="green" />
    </Row>
    <Row label="Net weight">{withUnit(profile.net_weight_g, "g")}</Row>
    <Row label="Pieces per pack">{profile.pieces_per_pack}</Row>
    <Row label="Shelf life">{withUnit(profile.shelf_life_days, "days")}</Row>
    <Row label="Storage">{profile.storage_instructions}</Row>
    <Row label="Perishable">{perishableText(profile)}</Row>
    {profile.nutrition ? (
      <NutritionTable nutrition={profile.nutrition} />
    ) : (
      <Row label="Nutrition">Not given</Row>
    )}
  </>
)
