#!/usr/bin/env bash
# Start-up of the umqtt command (README, "Start-up"; BENCHMARKS.md): with hyperfine, in one run,
# `umqtt pub -q 1` from the minimal image (JDK 17) and its JDK 25 build, mosquitto_pub -q 1, and the
# bare image's `java -version`, against a Mosquitto started here on a free port; then, with
# `--options`, the same command with the start-up options added one at a time (bin/java, no launcher).
#
#   umqtt.bench/startup.sh [--options] [--runs N]      (default 30 runs each, 5 warm-up)
#
# Needs the images (mvn -B -q package -Dmaven.test.skip=true -Pimages,images25; without the JDK 25
# ones their rows are left out), mosquitto, mosquitto_pub and hyperfine. Prints the medians; the
# full results land in umqtt.bench/target/startup*.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=30 options=no
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --options) options=yes; shift ;;
        *) echo "usage: umqtt.bench/startup.sh [--options] [--runs N]" >&2; exit 1 ;;
    esac
done
I=umqtt.cli/target/images
[ -x "$I/minimal/bin/umqtt" ] || { echo "no images in $I: mvn -B -q package -Dmaven.test.skip=true -Pimages,images25" >&2; exit 1; }
mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
for tool in "$mosquitto" mosquitto_pub hyperfine; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install mosquitto mosquitto-clients hyperfine)" >&2; exit 1; }
done
mkdir -p umqtt.bench/target

# A Mosquitto of our own (loopback only, as mosquitto 2 is with -p alone) on a free port.
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT
for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    "$mosquitto" -p "$port" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 50); do
        mosquitto_pub -p "$port" -t startup -m up 2>/dev/null && break 2
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill "$pid" 2>/dev/null || true
    pid=
done
[ -n "$pid" ] || { echo "could not start mosquitto on a free port" >&2; exit 1; }
args="-p $port -q 1 -t startup -m x" pub="pub $args"
echo "mosquitto on port $port; load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

# hyperfine -N: no shell in between, each command's own time. Prints the median and mean wall time
# and the mean CPU time (user + system: less disturbed than wall time by other work on the machine).
bench() { # OUT-NAME then pairs of NAME COMMAND
    local out="umqtt.bench/target/$1.csv"
    shift
    local args=()
    while [ $# -gt 0 ]; do args+=(-n "$1" "$2"); shift 2; done
    hyperfine -N --warmup 5 --runs "$runs" --export-csv "$out" "${args[@]}" >/dev/null
    awk -F, 'NR > 1 { printf "%8.1f ms %8.1f ms %8.1f ms   %s\n", $4 * 1000, $2 * 1000, ($5 + $6) * 1000, $1 }' "$out"
}

echo "  median        mean   CPU mean   command ($runs runs each)"
rows=("umqtt pub -q 1: minimal image (JDK 17)" "$I/minimal/bin/umqtt $pub")
[ -x "$I/minimal-25/bin/umqtt" ] && rows+=("umqtt pub -q 1: minimal-25 image (JDK 25)" "$I/minimal-25/bin/umqtt $pub")
rows+=("mosquitto_pub -q 1" "mosquitto_pub $args")
rows+=("java -version: bare image" "$I/bare/bin/java -version")
bench startup "${rows[@]}"

if [ "$options" = yes ]; then
    m=$I/minimal main="-m umqtt.cli/umqtt.cli.Main $pub" jsa="-XX:SharedArchiveFile=$m/lib/umqtt.jsa"
    echo "minimal image (JDK 17), bin/java with the options added one at a time:"
    bench startup-options-17 \
        "no CDS (-Xshare:off: as before)" "$m/bin/java -Xshare:off $main" \
        "+ jlink's CDS archive (lib/server/classes.jsa)" "$m/bin/java $main" \
        "+ the training run's archive (lib/umqtt.jsa)" "$m/bin/java $jsa $main" \
        "+ -XX:+UseSerialGC" "$m/bin/java $jsa -XX:+UseSerialGC $main" \
        "+ -XX:TieredStopAtLevel=1 (bin/umqtt's options)" "$m/bin/java $jsa -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $main" \
        "  + -XX:-UsePerfData" "$m/bin/java $jsa -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData $main" \
        "  + -Xmx64m -Xss512k" "$m/bin/java $jsa -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -Xss512k $main" \
        "  -Xint instead of C1" "$m/bin/java $jsa -XX:+UseSerialGC -Xint $main" \
        "bin/umqtt" "$m/bin/umqtt $pub"
    m=$I/minimal-25 main="--add-modules umqtt.cli umqtt.cli.Main $pub" aot="-XX:AOTCache=$I/minimal-25/lib/umqtt.aot"
    if [ -x "$m/bin/umqtt" ]; then
        echo "minimal-25 image (JDK 25), bin/java with the options added one at a time:"
        bench startup-options-25 \
            "no CDS (-XX:AOTMode=off)" "$m/bin/java -XX:AOTMode=off $main" \
            "+ jlink's CDS archive (lib/server/classes.jsa)" "$m/bin/java $main" \
            "+ the training run's AOT cache (lib/umqtt.aot)" "$m/bin/java $aot $main" \
            "+ -XX:+UseSerialGC" "$m/bin/java $aot -XX:+UseSerialGC $main" \
            "+ -XX:TieredStopAtLevel=1 (bin/umqtt's options)" "$m/bin/java $aot -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $main" \
            "  + -XX:-UsePerfData" "$m/bin/java $aot -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData $main" \
            "bin/umqtt" "$m/bin/umqtt $pub"
    fi
fi
