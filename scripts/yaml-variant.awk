# Writes a variant of an experiment YAML for the research scripts (compas-input-ablation.sh,
# german-selection-draws.sh, conditional-ablation.sh, adult-mtaf-reduction.sh). Variables, each optional but name:
#   name    the variant's name
#   method  the one method line kept under 'methods:' (e.g. "STL: { kind: single-task }")
#   data    a prefix for 'file: data/...' paths (the experiments folder's absolute path, for a variant elsewhere)
#   extra   text appended to the 'include:' list's last entry 'priors_count' (COMPAS inputs)
#   seed, runs  the sweep's seed and run count
#   reduction  the value of the 'training:' block's 'reduction:' line (e.g. mean)
#   conditional  the value of a sweep's 'conditional:' line (e.g. "{ sampling: per-batch, epochs: 100 }")
/^name:/ { print "name: " name; next }
data != "" && /^  file: data\// { sub("data/", data); print; next }
extra != "" && /^    include: \[/ { sub(/priors_count\]/, "priors_count" extra "]"); print; next }
reduction != "" && /^  reduction:/ { print "  reduction: " reduction; next }
conditional != "" && /^  conditional:/ { print "  conditional: " conditional; next }
method != "" && /^methods:/ { print; print "  " method; skipping = 1; next }
skipping && /^  / { next }
/^sweep:/ {
  if (runs != "") sub(/runs: [0-9]+/, "runs: " runs)
  if (seed != "") sub(/seed: [0-9]+/, "seed: " seed)
}
{ skipping = 0; print }
