import { addDays, dayOf, isTimeZone, lastDays, startOfDay } from "../shop-days"

describe("shop days", () => {
  it("knows IANA zones and refuses made-up ones", () => {
    expect(isTimeZone("Asia/Kolkata")).toBe(true)
    expect(isTimeZone("UTC")).toBe(true)
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false)
  })

  it("puts an instant on the shop's calendar day, not UTC's", () => {
    // 20:00 UTC is 01:30 the next day in Bengaluru.
    expect(dayOf(new Date("2026-11-24T20:00:00Z"), "Asia/Kolkata")).toBe("2026-11-25")
    expect(dayOf(new Date("2026-11-24T20:00:00Z"), "UTC")).toBe("2026-11-24")
  })

  it("starts a day at local midnight", () => {
    expect(startOfDay("2026-11-25", "Asia/Kolkata").toISOString()).toBe("2026-11-24T18:30:00.000Z")
    expect(startOfDay("2026-11-25", "UTC").toISOString()).toBe("2026-11-25T00:00:00.000Z")
    expect(startOfDay("2026-11-25", "America/New_York").toISOString()).toBe("2026-11-25T05:00:00.000Z")
  })

  it("handles days on which the clocks change", () => {
    // Berlin moves from UTC+1 to UTC+2 at 02:00 on 2026-03-29 and back on 2026-10-25.
    expect(startOfDay("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z")
    expect(startOfDay("2026-03-30", "Europe/Berlin").toISOString()).toBe("2026-03-29T22:00:00.000Z")
    expect(startOfDay("2026-10-26", "Europe/Berlin").toISOString()).toBe("2026-10-25T23:00:00.000Z")
  })

  it("counts calendar days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01")
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28")
    expect(lastDays("2026-11-25", 3)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"])
    expect(lastDays("2026-11-25", 14)).toHaveLength(14)
  })
})
