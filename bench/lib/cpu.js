/** CPU time read from /proc (Linux); null where /proc is missing. */
const fs = require("fs")

/** USER_HZ: the unit of the times in /proc/<pid>/stat and /proc/stat (100 on Linux). */
const CLOCK_TICKS = 100

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return null
  }
}

/** CPU time every process of the machine has used so far (all cores, idle and iowait left out), in ms. */
function machineBusyMs() {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number)
    return ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS
  } catch {
    return null
  }
}

module.exports = { cpuMs, machineBusyMs }
