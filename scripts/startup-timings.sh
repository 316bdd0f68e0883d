#!/usr/bin/env bash
# Whole-process wall times of four one-shot runs (docs/benchmarks.md, "Start-up"): the CLI as users run it, and the
# NumPy/SciPy peers as whole python3 processes on the same input files.
#
# Usage: scripts/startup-timings.sh [-n REPEATS] [-i INPUT_DIR] [-t "TASK..."] [-q] [-p] VARIANT...
#   VARIANT is LABEL=COMMAND, COMMAND the way to start the CLI, e.g.
#     shipped='dotnet src/InfoTheory.Cli/bin/Release/net10.0/InfoTheory.Cli.dll'
#     qjfl0='env DOTNET_TC_QuickJitForLoops=0 dotnet src/InfoTheory.Cli/bin/Release/net10.0/InfoTheory.Cli.dll'
#   or the word "peers" for the python3 scripts under benchmarks/peers.
# The variants run interleaved (round 1 of every variant, then round 2, ...), so that a change in the load of the
# shared machine hits them alike; each run's output is discarded after the first round, which is printed once.
# TASKs: ksg mi entropy pid (default: all four), and start: `--version`, the floor of the CLI's start-up (for the
# peers, python3 importing numpy).
# -q (a shared machine): before each run, wait (at most a minute) until the CPUs were ≥ 90 % idle over 2 seconds.
# -p (a shared machine, as root): run each command at nice -20, so that other processes take little CPU from it.
# Prints per task and variant the min and median wall seconds, the median CPU seconds (user + system, all threads) and
# how many runs were disturbed (other processes used more than 10 % of one CPU while it ran), and the load average
# before and after.
# Inputs: scripts/startup_inputs.py (seeded) writes them into INPUT_DIR (default /tmp/infotheory-startup) when absent.
set -euo pipefail
cd "$(dirname "$0")/.."

repeats=7
inputs=/tmp/infotheory-startup
tasks=(ksg mi entropy pid)
quiet=0
run=()
while getopts "n:i:t:qp" opt; do
    case $opt in
        n) repeats=$OPTARG ;;
        i) inputs=$OPTARG ;;
        t) read -ra tasks <<<"$OPTARG" ;;
        q) quiet=1 ;;
        p) run=(nice -n -20) ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "error: give at least one variant, LABEL=COMMAND or peers" >&2; exit 2; }

python=/usr/bin/python3
[ -f "$inputs/pid-layer.npy" ] || "$python" scripts/startup_inputs.py "$inputs"

declare -A cli_args=(
    [ksg]="mi --x $inputs/ksg-x.npy --y $inputs/ksg-y.npy --estimator ksg"
    [mi]="mi --x $inputs/mi-x.npy --y $inputs/mi-y.npy"
    [entropy]="entropy --x $inputs/entropy-x.npy"
    [pid]="pid --x $inputs/pid-x.npy --layer $inputs/pid-layer.npy"
    [start]="--version"
)
declare -A peer_args=(
    [ksg]="benchmarks/peers/knn_npeet_equivalent.py $inputs/ksg-x.npy $inputs/ksg-y.npy"
    [mi]="benchmarks/peers/renyi_numpy.py $inputs/mi-x.npy $inputs/mi-y.npy"
    [entropy]="benchmarks/peers/renyi_numpy.py $inputs/entropy-x.npy"
    [pid]="benchmarks/peers/pid_numpy.py $inputs/pid-x.npy $inputs/pid-layer.npy"
    [start]="-c __import__('numpy')"
)

labels=()
declare -A prefix
for v in "$@"; do
    if [ "$v" = peers ]; then label=peers; prefix[peers]=$python
    else label=${v%%=*}; prefix[$label]=${v#*=}
    fi
    labels+=("$label")
done

command_of() { # label task
    if [ "$1" = peers ]; then echo "${prefix[peers]} ${peer_args[$2]}"; else echo "${prefix[$1]} ${cli_args[$2]}"; fi
}

busy_ticks() { # CPU ticks (all CPUs) spent outside idle and iowait since boot, from /proc/stat
    local c
    read -ra c < /proc/stat
    echo $((c[1] + c[2] + c[3] + c[6] + c[7] + c[8]))
}
idle_percent() { # over the next 2 seconds, from /proc/stat
    local a b
    read -ra a < /proc/stat; sleep 2; read -ra b < /proc/stat
    local total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    echo $((100 * (b[4] - a[4]) / (total > 0 ? total : 1)))
}
wait_for_quiet() {
    local start=$SECONDS
    until [ "$(idle_percent)" -ge 90 ] || [ $((SECONDS - start)) -ge 60 ]; do :; done
    [ $((SECONDS - start)) -lt 60 ] || echo "(round $1, $2: the machine did not quieten within a minute)"
}

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $repeats rounds; inputs $inputs"
TIMEFORMAT='%R %U %S'
for round in $(seq "$repeats"); do
    for task in "${tasks[@]}"; do
        for label in "${labels[@]}"; do
            cmd=$(command_of "$label" "$task")
            [ "$quiet" = 0 ] || wait_for_quiet "$round" "$label $task"
            before=$(busy_ticks)
            if [ "$round" = 1 ]; then
                echo "== $label $task: $cmd"
                { time "${run[@]}" $cmd >"$log/out" 2>&1; } 2>"$log/time" || { cat "$log/out"; exit 1; }
                sed 's/^/   /' "$log/out"
            else
                { time "${run[@]}" $cmd >/dev/null 2>&1; } 2>"$log/time"
            fi
            # A run is "disturbed" when other processes used more than 10 % of one CPU during it.
            echo "$(cat "$log/time") $(( $(busy_ticks) - before )) $(getconf CLK_TCK)" >>"$log/$label-$task"
        done
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -n | awk '{ t[NR] = $1 } END { printf "%.2f", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
printf '\nwall s: min / median; CPU s: median (user + system); runs disturbed by other processes / runs\n%-8s' task
for label in "${labels[@]}"; do printf ' | %-32s' "$label"; done
echo
for task in "${tasks[@]}"; do
    printf '%-8s' "$task"
    for label in "${labels[@]}"; do
        f=$log/$label-$task
        printf ' | %5s / %5s, CPU %5s' "$(cut -d' ' -f1 "$f" | sort -n | awk 'NR == 1 { printf "%.2f", $1 }')" "$(cut -d' ' -f1 "$f" | median)" \
            "$(awk '{ print $2 + $3 }' "$f" | median)"
        awk '{ n++; if ($4 / $5 - $2 - $3 > 0.1 * $1) d++ } END { printf " (%d/%d)", d, n }' "$f"
    done
    echo
done
