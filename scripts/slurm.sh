#!/usr/bin/env bash
# A throwaway single-node Slurm cluster (munged + slurmctld + slurmd) with everything in one folder, for tests
# and local runs: nothing is written under /etc, /var or /run, and no systemd is needed.
#
# Usage (as root; the daemons run as root, jobs can be submitted by any user):
#   eval "$(scripts/slurm.sh start DIR)"   # starts it; waits until the node is idle (at most 60 s)
#   sbatch --array=0-3 --wrap 'echo $SLURM_ARRAY_TASK_ID' ...   # any Slurm client, through SLURM_CONF
#   scripts/slurm.sh stop DIR              # cancels the jobs, stops the daemons; exit 0 also when none ran
#   rm -rf DIR                             # after stop, to throw it away
#
# `start` prints exactly one line on stdout, meant for eval (all other messages go to stderr):
#   export SLURM_CONF=DIR/slurm.conf
# with DIR made absolute (created if missing). Starting it again in the same DIR only starts the daemons that
# are not running and prints the same line. If the node is not idle after 60 s, `start` prints the tails of
# the logs and fails, leaving the daemons running for inspection (stop them with `scripts/slurm.sh stop DIR`).
#
# What is in DIR:
#   DIR/slurm.conf           the Slurm config (rewritten by `start` while no daemon runs)
#   DIR/munge/               munge.key (random, made once), munge.socket, munged.seed
#   DIR/state/               slurmctld's StateSaveLocation;  DIR/spool/  slurmd's SlurmdSpoolDir
#   DIR/log/                 munged.log, slurmctld.log, slurmd.log
#   DIR/run/                 munged.pid, slurmctld.pid, slurmd.pid
#   DIR/lock                 serializes concurrent calls of this script on the same DIR
#
# The cluster: ClusterName=fairmtl, one node `localhost` (NodeAddr=127.0.0.1; slurmd runs with -N localhost, so
# the machine's hostname does not matter) with CPUs = nproc and RealMemory = MemTotal MiB - 1024, one partition
# `debug` (the default), select/cons_tres with CR_Core (one task per core), no accounting (sacct does not work:
# use squeue/scontrol, finished jobs stay visible for MinJobAge=300 s), no cgroups (proctrack/linuxproc).
# Ports: SlurmctldPort 16817 and SlurmdPort 16818 (instead of Slurm's usual 6817/6818, so that a system Slurm
# does not clash); set FAIRMTL_SLURMCTLD_PORT / FAIRMTL_SLURMD_PORT to use others, e.g. for a second cluster.
# Needs the Debian packages slurm-wlm and munge (scripts/install-cluster-dependencies.sh).
set -euo pipefail

me=slurm.sh
usage="usage: scripts/slurm.sh start DIR | stop DIR"

fail() {
  echo "$me: $*" >&2
  exit 1
}

[ $# -eq 2 ] || fail "$usage"
command=$1
dir_arg=$2
case "$command" in
  start | stop) ;;
  *) fail "unknown command '$command'; $usage" ;;
esac
case "$dir_arg" in
  *[[:space:]]* | *'"'* | *"'"* | *\\* | *'#'*) fail "DIR must not contain spaces, quotes, backslashes or '#' (slurm.conf cannot hold them): '$dir_arg'" ;;
esac
[ "$(id -u)" -eq 0 ] || fail "the Slurm daemons run as root here; run as root: sudo scripts/slurm.sh $command $dir_arg"

ctld_port=${FAIRMTL_SLURMCTLD_PORT:-16817}
slurmd_port=${FAIRMTL_SLURMD_PORT:-16818}
for port in "$ctld_port" "$slurmd_port"; do
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 65535 ] ||
    fail "FAIRMTL_SLURMCTLD_PORT/FAIRMTL_SLURMD_PORT must be numbers from 1024 to 65535, got '$port'"
done

# The programs (a root PATH has /usr/sbin; look there anyway).
find_program() {
  local path
  path=$(PATH="$PATH:/usr/sbin:/sbin" command -v "$1") ||
    fail "$1 not found; install the packages slurm-wlm and munge with scripts/install-cluster-dependencies.sh"
  echo "$path"
}
munged=$(find_program munged)
slurmctld=$(find_program slurmctld)
slurmd=$(find_program slurmd)
scontrol=$(find_program scontrol)
sinfo=$(find_program sinfo)
squeue=$(find_program squeue)
scancel=$(find_program scancel)

if [ "$command" = start ]; then
  mkdir -p -- "$dir_arg" || fail "cannot create DIR '$dir_arg'"
elif [ ! -d "$dir_arg" ]; then
  echo "$me: no folder $dir_arg, nothing to stop" >&2
  exit 0
fi
dir=$(cd -- "$dir_arg" && pwd -P)
conf=$dir/slurm.conf
munge_dir=$dir/munge
munge_socket=$munge_dir/munge.socket
export SLURM_CONF=$conf

# One call of this script at a time per DIR. Every daemon started below gets `9>&-` so it does not keep the lock.
exec 9>>"$dir/lock" || fail "cannot write $dir/lock"
flock -w 180 9 || fail "another scripts/slurm.sh call holds $dir/lock for over 180 s; wait for it or kill it"

# True when the pid file of daemon $1 names a live process whose command line mentions DIR (a stale pid file whose
# pid now belongs to another program does not count, nor does a zombie, whose command line is empty).
# Sets alive_pid to the pid read from the file.
alive_pid=""
is_alive() {
  local cmdline
  alive_pid=$(tr -dc 0-9 2>/dev/null <"$dir/run/$1.pid" || true)
  [ -n "$alive_pid" ] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$alive_pid/cmdline" || true)
  [[ "$cmdline" == *"$dir/"* ]]
}

# Waits up to $2 seconds for daemon $1 to exit; returns 1 if it is still alive.
wait_for_exit() {
  local name=$1 seconds=$2 i
  for ((i = 0; i < seconds * 10; i++)); do
    is_alive "$name" || return 0
    sleep 0.1
  done
  return 1
}

# Stops daemon $1 with SIGTERM (then SIGKILL after 10 s) if it is still alive.
terminate() {
  local name=$1 pid
  is_alive "$name" || return 0
  pid=$alive_pid
  echo "$me: stopping $name (pid $pid) with SIGTERM" >&2
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for_exit "$name" 10; then
    echo "$me: $name (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait_for_exit "$name" 5 || fail "$name (pid $pid) does not exit even after SIGKILL; look at it with: ps -o pid,stat,args -p $pid"
  fi
}

show_logs() {
  local log
  for log in "$dir"/log/munged.log "$dir"/log/slurmctld.log "$dir"/log/slurmd.log "$dir"/log/*.out; do
    [ -s "$log" ] || continue
    echo "$me: last lines of $log:" >&2
    tail -n 15 "$log" | sed 's/^/  /' >&2
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ "$command" = stop ]; then
  if ! is_alive slurmctld && ! is_alive slurmd && ! is_alive munged; then
    echo "$me: no daemon of $dir running, nothing to stop" >&2
    rm -f "$dir"/run/*.pid
    exit 0
  fi
  if is_alive slurmctld && is_alive munged; then
    # Jobs survive `scontrol shutdown` (their slurmstepd keeps running), so cancel them first.
    jobs=$("$squeue" -h -o %F 2>/dev/null | sort -u | tr '\n' ' ' || true)
    if [ -n "${jobs// /}" ]; then
      echo "$me: cancelling jobs $jobs" >&2
      # shellcheck disable=SC2086
      "$scancel" $jobs 9>&- || echo "$me: scancel $jobs failed; stopping the daemons anyway" >&2
      deadline=$((SECONDS + 30))
      while [ "$SECONDS" -lt "$deadline" ]; do
        [ -z "$("$squeue" -h -t PENDING,RUNNING,COMPLETING,SUSPENDED -o %i 2>/dev/null || true)" ] && break
        sleep 0.1
      done
    fi
    echo "$me: scontrol shutdown" >&2
    "$scontrol" shutdown 9>&- || echo "$me: scontrol shutdown failed; stopping the daemons with SIGTERM" >&2
    wait_for_exit slurmctld 30 || true
    wait_for_exit slurmd 30 || true
  fi
  terminate slurmd
  terminate slurmctld
  terminate munged
  rm -f "$dir"/run/*.pid
  echo "$me: stopped the cluster in $dir" >&2
  exit 0
fi

# ---- start ----
mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
# munged insists that the socket's folder can be entered by everyone and the key is readable only by its owner.
install -d -m 0755 "$munge_dir"
# Job submitters other than root need to reach DIR/slurm.conf and the munge socket (root's `mktemp -d` is 0700).
if [ "$(( 0$(stat -c %a "$dir") & 01 ))" -eq 0 ]; then
  echo "$me: giving other users search permission on $dir (chmod a+x) so that any user can reach slurm.conf and the munge socket" >&2
  chmod a+x "$dir"
fi
socket_path_length=${#munge_socket}
[ "$socket_path_length" -le 100 ] ||
  fail "the munge socket path $munge_socket is too long for a unix socket (max about 100 characters); use a shorter DIR"

if [ ! -s "$munge_dir/munge.key" ]; then
  (umask 077 && dd if=/dev/urandom of="$munge_dir/munge.key.tmp" bs=1024 count=1 status=none) ||
    fail "cannot write $munge_dir/munge.key"
  mv -f "$munge_dir/munge.key.tmp" "$munge_dir/munge.key"
fi
chmod 0400 "$munge_dir/munge.key"

if ! is_alive slurmctld && ! is_alive slurmd; then
  cpus=$(nproc)
  mem_mib=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
  real_memory=$((mem_mib > 2048 ? mem_mib - 1024 : mem_mib / 2))
  cat >"$conf.tmp" <<EOF
# Written by scripts/slurm.sh start; rewritten while no daemon of this folder runs.
ClusterName=fairmtl
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge_socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,sched_interval=1
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmdTimeout=300
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$real_memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
  mv -f "$conf.tmp" "$conf"
fi

# Check the ports before starting anything.
if ! is_alive slurmctld && port_in_use "$ctld_port"; then
  fail "port $ctld_port (SlurmctldPort) is in use, maybe by a Slurm cluster of another folder (stop it with scripts/slurm.sh stop THAT_DIR), or set FAIRMTL_SLURMCTLD_PORT to a free port"
fi
if ! is_alive slurmd && port_in_use "$slurmd_port"; then
  fail "port $slurmd_port (SlurmdPort) is in use, maybe by a Slurm cluster of another folder (stop it with scripts/slurm.sh stop THAT_DIR), or set FAIRMTL_SLURMD_PORT to a free port"
fi

started=()
if ! is_alive munged; then
  echo "$me: starting munged" >&2
  # --force: take over a socket left behind by a munged that was killed.
  "$munged" --force --key-file="$munge_dir/munge.key" --socket="$munge_socket" \
    --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$munge_dir/munged.seed" \
    </dev/null >>"$dir/log/munged.out" 2>&1 9>&- || {
    show_logs
    fail "munged did not start; see $dir/log/munged.log and $dir/log/munged.out"
  }
  started+=(munged)
fi

if ! is_alive slurmctld; then
  echo "$me: starting slurmctld (port $ctld_port)" >&2
  # -i: ignore errors in the state files left by an earlier run (e.g. after a kill).
  "$slurmctld" -f "$conf" -i </dev/null >>"$dir/log/slurmctld.out" 2>&1 9>&- || {
    show_logs
    fail "slurmctld did not start; see $dir/log/slurmctld.log and $dir/log/slurmctld.out"
  }
  started+=(slurmctld)
fi

if ! is_alive slurmd; then
  echo "$me: starting slurmd (port $slurmd_port)" >&2
  # -N localhost: register as the node `localhost` whatever the machine's hostname is.
  "$slurmd" -f "$conf" -N localhost </dev/null >>"$dir/log/slurmd.out" 2>&1 9>&- || {
    show_logs
    fail "slurmd did not start; see $dir/log/slurmd.log and $dir/log/slurmd.out"
  }
  started+=(slurmd)
fi

# Wait until the node is idle (or, on a second start, busy with jobs: mixed/allocated also mean it works).
state=""
deadline=$((SECONDS + 60))
while [ "$SECONDS" -lt "$deadline" ]; do
  state=$("$sinfo" -h -n localhost -o %T 2>/dev/null | head -1 || true)
  case "$state" in
    idle | mixed | allocated | completing) break ;;
  esac
  sleep 0.1
done
case "$state" in
  idle | mixed | allocated | completing) ;;
  *)
    show_logs
    fail "the node localhost is not idle after 60 s (sinfo state: '${state:-no answer}'); see the logs above and in $dir/log; stop the daemons with: scripts/slurm.sh stop $dir"
    ;;
esac
if [ "${#started[@]}" -eq 0 ]; then
  echo "$me: already running in $dir (node $state)" >&2
else
  echo "$me: started ${started[*]} in $dir (node $state)" >&2
fi
printf 'export SLURM_CONF=%s\n' "$conf"
