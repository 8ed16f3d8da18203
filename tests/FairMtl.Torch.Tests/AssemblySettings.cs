// The tests register engines with the process-wide TrainingEngines: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
