# Sourced by regen.sh and run-scenarios.sh: the expected-output file of a case.
#   case_file SCENARIO [PARAM=VALUE...]  ->  SCENARIO.out, or SCENARIO@P=V,P=V.out
case_file () {
  local name=$1
  shift
  if [ $# -eq 0 ]; then
    echo "$name.out"
  else
    local IFS=,
    echo "$name@$*.out"
  fi
}
