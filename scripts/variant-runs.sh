# Sourced by the research scripts (compas-input-ablation.sh, german-selection-draws.sh): build the host once, then
# write and run variants of an experiment in a temporary folder. Needs $root (the repository) and $work (the folder).

# Builds the host in Release; its log is shown only on failure.
build_host() {
  dotnet build "$root/src/FairMtl.Host" -c Release -nologo -v q > "$work/build.log" || { cat "$work/build.log"; exit 1; }
}

# run_variant EXPERIMENT LABEL [awk -v assignments for yaml-variant.awk...]: writes the variant of
# experiments/EXPERIMENT.yaml as $work/LABEL.yaml, runs it without a store into $work/out-LABEL (its log shown only
# on failure).
run_variant() {
  local experiment="$1" label="$2"
  shift 2
  awk -f "$root/scripts/yaml-variant.awk" "$@" "$root/experiments/$experiment.yaml" > "$work/$label.yaml"
  dotnet "$root/src/FairMtl.Host/bin/Release/net10.0/FairMtl.Host.dll" "$work/$label.yaml" --out "$work/out-$label" --no-store \
    > "$work/run-$label.log" 2>&1 || { cat "$work/run-$label.log"; exit 1; }
}
