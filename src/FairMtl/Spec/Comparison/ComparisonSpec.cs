namespace FairMtl.Spec;

/// <summary>
/// What the two classification kinds share: several training methods on the same classification data (tasks and
/// sensitive attributes), each evaluated over repeated seeded hold-out splits. <see cref="MethodComparisonSpec"/> adds
/// the lambda front of the auxiliary-task paper's methods, <see cref="MultiTaskSpec"/> the setting sweep of MTA-F's.
/// </summary>
/// <param name="Name">Experiment name; also the default results folder name.</param>
/// <param name="Description">Free text shown in reports.</param>
/// <param name="Data">Where the rows come from (its <c>split</c> and <c>groups</c> are unused: see <paramref name="Protocol"/> and <paramref name="Sensitive"/>).</param>
/// <param name="Model">The shared trunk.</param>
/// <param name="HeadHidden">Widths of the hidden layers of every task head (empty: linear heads on the trunk).</param>
/// <param name="Tasks">The main binary classification tasks, one head each.</param>
/// <param name="Sensitive">The sensitive attributes fairness is measured (and, by fair methods, enforced) on.</param>
/// <param name="Methods">The methods compared, in table order.</param>
/// <param name="Protocol">Repeated hold-out: repetitions and split fractions.</param>
/// <param name="Training">Optimiser, batch size and the epoch budget.</param>
public abstract record ComparisonSpec(
    string Name,
    string Description,
    DataSpec Data,
    ModelSpec Model,
    EquatableArray<int> HeadHidden,
    EquatableArray<TaskSpec> Tasks,
    EquatableArray<SensitiveAttributeSpec> Sensitive,
    EquatableArray<MethodSpec> Methods,
    ProtocolSpec Protocol,
    ComparisonTrainingSpec Training);

/// <summary>
/// A method comparison (the auxiliary-task fairness paper's protocol): single-task, regularised, adversarial,
/// group-decomposition and auxiliary-task methods, reported as one table row per method and as a Pareto front over
/// the fairness weight of the auxiliary methods.
/// </summary>
/// <param name="Name">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Description">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Data">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Model">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="HeadHidden">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Tasks">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Sensitive">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Methods">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Protocol">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Training">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Front">The lambda sweep of the auxiliary methods (empty: no front).</param>
/// <param name="Evaluation">How the table's EOD is defined and which metrics the mean rank and Delta_m% summarise
/// (null: EOD = max of the two gaps, every metric).</param>
public sealed record MethodComparisonSpec(
    string Name,
    string Description,
    DataSpec Data,
    ModelSpec Model,
    EquatableArray<int> HeadHidden,
    EquatableArray<TaskSpec> Tasks,
    EquatableArray<SensitiveAttributeSpec> Sensitive,
    EquatableArray<MethodSpec> Methods,
    FrontSpec Front,
    ProtocolSpec Protocol,
    ComparisonTrainingSpec Training,
    ComparisonEvaluationSpec? Evaluation = null)
    : ComparisonSpec(Name, Description, Data, Model, HeadHidden, Tasks, Sensitive, Methods, Protocol, Training);

/// <summary>A method comparison's <c>evaluation</c> block: metric definitions that papers state differently.</summary>
/// <param name="Eod">How the equalised-odds difference combines the TPR and FPR gaps.</param>
/// <param name="Ranking">The metric kinds the mean rank and Delta_m% are computed over (every column of those kinds,
/// for every attribute); empty: every metric of the table.</param>
public sealed record ComparisonEvaluationSpec(EodDefinition Eod, EquatableArray<TableMetric> Ranking);

/// <summary>How the equalised-odds difference (EOD) combines the TPR gap and the FPR gap.</summary>
public enum EodDefinition
{
    /// <summary>max(TPR gap, FPR gap) (Hardt et al.'s criterion as a difference; Fairlearn's equalized_odds_difference).</summary>
    Max,

    /// <summary>(TPR gap + FPR gap) / 2 (AIF360's average absolute odds difference).</summary>
    Mean,
}

/// <summary>The metrics of a method-comparison table, by kind.</summary>
public enum TableMetric
{
    /// <summary>Area under the ROC curve.</summary>
    Auc,

    /// <summary>Accuracy at the task's threshold.</summary>
    Accuracy,

    /// <summary>Equalised-odds difference.</summary>
    Eod,

    /// <summary>Equal-opportunity difference.</summary>
    Eopd,

    /// <summary>False-positive-rate gap.</summary>
    FprGap,

    /// <summary>Group AUC difference.</summary>
    Gaucd,

    /// <summary>Demographic-parity gap.</summary>
    DpGap,
}

/// <summary>
/// A multi-task comparison (Wang et al.'s MTA-F): vanilla MTL, the fair multi-task baseline and MTA-F at every setting
/// of a sweep, compared by ARFG/ARE against single-task references.
/// </summary>
/// <param name="Name">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Description">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Data">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Model">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="HeadHidden">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Tasks">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Sensitive">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Methods">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Protocol">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Training">As in <see cref="ComparisonSpec"/>.</param>
/// <param name="Sweep">The random or grid sweep of the task weights, lambdas and ratios.</param>
public sealed record MultiTaskSpec(
    string Name,
    string Description,
    DataSpec Data,
    ModelSpec Model,
    EquatableArray<int> HeadHidden,
    EquatableArray<TaskSpec> Tasks,
    EquatableArray<SensitiveAttributeSpec> Sensitive,
    EquatableArray<MethodSpec> Methods,
    ProtocolSpec Protocol,
    ComparisonTrainingSpec Training,
    MultiTaskSweepSpec Sweep)
    : ComparisonSpec(Name, Description, Data, Model, HeadHidden, Tasks, Sensitive, Methods, Protocol, Training);

/// <summary>A main task: a binary task (the classification kinds), or for the FairMT kind also a regression, multi-class
/// or multi-label task. Keys after <paramref name="PriorThreshold"/> were added with the FairMT kind; their defaults
/// describe a binary task, so earlier specs keep their meaning (and their stored text: see
/// <see cref="Store.CanonicalJson"/>).</summary>
/// <param name="Name">The task's name (its head's name).</param>
/// <param name="Column">The label column (multi-label: the first of <paramref name="Labels"/>).</param>
/// <param name="Positive">Values of the column that mean the positive class; empty: the column holds 0 and 1 (or see
/// <paramref name="Above"/>).</param>
/// <param name="Above">For a numeric column: the positive class is <c>value &gt; Above</c> (e.g. capital gain &gt; 0).</param>
/// <param name="Threshold">The decision threshold on the score for the thresholded metrics (accuracy, error, TPR, FPR).</param>
/// <param name="PriorThreshold">Use the share of positives among the training rows as the threshold instead (for rare
/// positive classes, where 0.5 predicts no positive at all).</param>
/// <param name="Type">What the head predicts: binary, regression, multi-class or multi-label.</param>
/// <param name="Labels">Multi-label: the 0/1 columns, one output each.</param>
/// <param name="Classes">Multi-class: the class values in output order; empty: the column's distinct values, ordinal order.</param>
/// <param name="Loss">Regression: MSE or MAE.</param>
/// <param name="Standardize">Regression: train on the column standardised with the labelled training rows' mean and sd.</param>
/// <param name="Weight">The task's utility weight w_t.</param>
/// <param name="Harm">The task's harm in the fairness constraint (FairMT kind), or null: not constrained.</param>
/// <param name="Missing">Labels removed on purpose from the training and validation rows (FairMT kind), or null.</param>
/// <param name="MatchedThreshold">With <paramref name="PriorThreshold"/>: the threshold is instead the score at which the
/// evaluated rows' share of predicted positives equals the training rows' share of positives (the MTA-F authors' rule;
/// see <see cref="Comparisons.RepetitionData.Threshold(TaskSpec, ReadOnlySpan{double})"/>).</param>
public sealed record TaskSpec(
    string Name,
    string Column,
    EquatableArray<string> Positive,
    double? Above = null,
    double Threshold = 0.5,
    bool PriorThreshold = false,
    HeadTask Type = HeadTask.Binary,
    EquatableArray<string> Labels = default,
    EquatableArray<string> Classes = default,
    RegressionLoss Loss = RegressionLoss.Mse,
    bool Standardize = false,
    double Weight = 1d,
    HarmSpec? Harm = null,
    MissingLabelsSpec? Missing = null,
    bool MatchedThreshold = false)
{
    /// <summary>The columns the task reads: its multi-label columns, or its one column (a method, so that the stored
    /// spec text does not list them).</summary>
    public IEnumerable<string> LabelColumns() => Labels.Count > 0 ? Labels : [Column];
}

/// <summary>A sensitive attribute: a name and the grouping of its column (groups 0..G-1).</summary>
/// <param name="Name">The attribute's name in tables.</param>
/// <param name="Groups">The column and the rule that turns its values into groups.</param>
public sealed record SensitiveAttributeSpec(string Name, GroupSpec Groups)
{
    /// <summary>The column that holds the attribute.</summary>
    public string Column => Groups.Column;
}

/// <summary>One compared method (a row of the table).</summary>
/// <param name="Name">Row name.</param>
/// <param name="Kind">The method family.</param>
/// <param name="Loss">The fairness loss of regularised and auxiliary methods (ignored by the others).</param>
/// <param name="Lambda">Regularised: the penalty weight (loss = task + lambda * penalty). Auxiliary: the weight in
/// <c>lambda * sum L_k + (1 - lambda) * sum L_s</c>, in [0, 1].</param>
/// <param name="Epsilon">The bound of BGL (bounded group loss).</param>
/// <param name="Weight">Adversarial: the weight of the reversed adversary gradient in the trunk.</param>
/// <param name="Attribute">Group decomposition: the sensitive attribute whose groups get their own heads.</param>
/// <param name="Bandwidth">The Gaussian kernel's bandwidth of the MMD loss.</param>
/// <param name="Condition">Which rows a multi-task fairness loss looks at: a task's negatives (equal opportunity) or
/// its negatives and positives separately (equalised odds).</param>
/// <param name="Violation">FairMT penalty and primal-dual methods: one-sided or symmetric violations.</param>
/// <param name="DualStep">Primal-dual: the multiplier's step size (mu += step * (F - epsilon) after every batch).</param>
/// <param name="Averaging">Primal-dual: the dual update uses a running average of F with this decay (0: F itself).</param>
/// <param name="HeadAware">FairMT penalty and primal-dual methods: the constraint's gradient reaches the task heads as
/// well as the trunk (false: the trunk only).</param>
/// <param name="MinNorm">FairMT penalty and primal-dual methods: combine the utility and constraint gradients per
/// parameter block by the min-norm rule instead of adding them.</param>
/// <param name="Ratio">MTA-F as a baseline of a FairMT experiment: its head-to-shared ratio r (a multi-task comparison
/// sweeps r instead).</param>
/// <param name="Shared">MTA-F: the fairness loss the shared layers receive, the paper's F(N_t) - F(E_t) or the released
/// code's F(N_t) - r_t F(E_t).</param>
/// <param name="Setting">A multi-task method's own setting: it trains at it in every repetition instead of at the
/// sweep's settings (for instance a selected point repeated over seeds); null: the sweep's.</param>
public sealed record MethodSpec(
    string Name,
    MethodKind Kind,
    FairnessLossKind Loss,
    double Lambda,
    double Epsilon,
    double Weight,
    string Attribute,
    double Bandwidth = 0d,
    FairnessCondition Condition = FairnessCondition.Opportunity,
    ViolationKind Violation = ViolationKind.OneSided,
    double DualStep = 0d,
    double Averaging = 0d,
    bool HeadAware = true,
    bool MinNorm = false,
    double Ratio = 1d,
    SharedFairness Shared = SharedFairness.Paper,
    FixedSetting? Setting = null);

/// <summary>A multi-task method's fixed setting (<c>methods.&lt;name&gt;.setting</c>): one value per task of each.</summary>
/// <param name="Weights">w_t.</param>
/// <param name="Lambdas">lambda_t (0 for vanilla MTL, which has none).</param>
/// <param name="Ratios">r_t (1 where the method has none).</param>
public sealed record FixedSetting(EquatableArray<double> Weights, EquatableArray<double> Lambdas, EquatableArray<double> Ratios);

/// <summary>MTA-F's shared fairness loss for task t, with E_t its exclusive rows and N_t all its negatives (or positives).</summary>
public enum SharedFairness
{
    /// <summary>F(N_t) - F(E_t), the paper's Eq. (10): the whole loss minus the head's part.</summary>
    Paper,

    /// <summary>F(N_t) - r_t F(E_t), what the authors' released code back-propagates into the shared layers.</summary>
    ReleasedCode,
}

/// <summary>The rows a multi-task fairness loss is computed on.</summary>
public enum FairnessCondition
{
    /// <summary>The task's negatives: the loss measures a false-positive-rate-like gap.</summary>
    Opportunity,

    /// <summary>The task's negatives and, separately, its positives (the two losses are added).</summary>
    Odds,
}

/// <summary>Method families of the comparison.</summary>
public enum MethodKind
{
    /// <summary>Task heads only, no fairness term.</summary>
    SingleTask,

    /// <summary>Task loss plus lambda times a fairness penalty on the task head's output (BGL, DPL, FPRL, TPRL, GLF, GLD).</summary>
    Regularized,

    /// <summary>An adversary head per sensitive attribute, its gradient reversed (times a weight) into the trunk.</summary>
    Adversarial,

    /// <summary>A shared trunk and one task head per group, each trained on its group's rows only.</summary>
    GroupDecomposition,

    /// <summary>Fairness as an auxiliary task: a fairness head per sensitive attribute trained with GLF, GLD or BGL.</summary>
    Auxiliary,

    /// <summary>Vanilla multi-task learning: sum_t w_t L_t over all tasks on one trunk (MTA-F's "vanilla MTL").</summary>
    MultiTask,

    /// <summary>MTA-F's baseline: sum_t w_t [L_t + lambda_t F_t], each task's fairness loss on trunk and head alike.</summary>
    FairMultiTask,

    /// <summary>MTA-F: each task's fairness loss split into a head part (the task's exclusive rows, times r_t) and a
    /// shared part (the rest), routed to the head and to the trunk respectively.</summary>
    MtaF,

    /// <summary>FairMT kind: sum_t w_t U_t + lambda F, lambda fixed (swept).</summary>
    Penalty,

    /// <summary>FairMT kind: sum_t w_t U_t + mu (F - epsilon), mu &gt;= 0 by dual ascent, epsilon swept.</summary>
    PrimalDual,
}

/// <summary>Batch fairness losses.</summary>
public enum FairnessLossKind
{
    /// <summary>Group loss fairness: |L_g1 - L_g2|, or 1 - Jain's index for more groups.</summary>
    Glf,

    /// <summary>Group loss divergence: exp(KL(softmax(-L_g) || uniform)) - 1.</summary>
    Gld,

    /// <summary>Bounded group loss: sum over groups of max(0, L_g - epsilon).</summary>
    Bgl,

    /// <summary>Demographic parity: the gap between the groups' mean scores.</summary>
    Dpl,

    /// <summary>False-positive-rate gap from the scores of the negatives.</summary>
    Fprl,

    /// <summary>True-positive-rate gap from the scores of the positives.</summary>
    Tprl,

    /// <summary>|Pearson correlation| between the scores and the group.</summary>
    Corr,

    /// <summary>Squared maximum mean discrepancy between the groups' scores (Gaussian kernel).</summary>
    Mmd,
}

/// <summary>The Pareto front over lambda.</summary>
/// <param name="Methods">The auxiliary (or regularised) methods whose lambda is swept.</param>
/// <param name="Lambdas">The lambda values.</param>
/// <param name="Fairness">The fairness metric of the front (lower is better).</param>
/// <param name="Attribute">The sensitive attribute the fairness metric is measured on.</param>
/// <param name="Conditional">Null: a model per method, lambda and repetition. Otherwise one loss-conditional model per
/// method and repetition, with lambda drawn per batch and scored at every lambda (<c>front.conditional</c>).</param>
public sealed record FrontSpec(
    EquatableArray<string> Methods, EquatableArray<double> Lambdas, FairnessMetric Fairness, string Attribute, ConditionalSpec? Conditional = null)
{
    /// <summary>The front as a sweep of one variable, <c>lambda</c>, for the conditional models' draws.</summary>
    public SweepSpec AsSweep() => new(new[] { new SweepVariable("lambda", Lambdas) }, EquatableArray<int>.Empty, Conditional: Conditional);
}

/// <summary>Group fairness metrics (all: lower is better).</summary>
public enum FairnessMetric
{
    /// <summary>Equalised odds difference: max(|TPR gap|, |FPR gap|), or their mean (<see cref="EodDefinition"/>).</summary>
    Eod,

    /// <summary>Equal opportunity difference: |TPR gap|.</summary>
    Eopd,

    /// <summary>|AUC gap| (max - min over groups).</summary>
    Gaucd,

    /// <summary>|FPR gap|.</summary>
    FprGap,

    /// <summary>Demographic parity gap of the predicted positive rates.</summary>
    DpGap,
}

/// <summary>
/// Repeated hold-out: repetition r splits the rows as <c>data.split</c> says (the one split model of every kind: test
/// rows, then a validation share of the rows left) with seed <c>Seed + r</c>, and initialises with the same seed.
/// </summary>
/// <param name="Repetitions">Number of repetitions.</param>
/// <param name="Seed">Seed of repetition 0.</param>
/// <param name="Split">A seeded split of all rows, or the files' own split (data.file trains, data.append tests).</param>
public sealed record ProtocolSpec(int Repetitions, int Seed, SplitKind Split = SplitKind.Random);

/// <summary>Where the test rows come from.</summary>
public enum SplitKind
{
    /// <summary>A seeded share of all rows.</summary>
    Random,

    /// <summary>The rows of the appended files (e.g. adult.test); training and validation rows come from data.file.</summary>
    Files,
}

/// <summary>
/// The sweep of the multi-task methods: per run, the task weights (w_1 drawn, w_2 = 1 - w_1 for two tasks; for more
/// tasks the drawn weights are normalised to sum 1), a lambda and a ratio r per task. Every method sees the same
/// drawn settings (run k of each method), so methods are compared on paired settings.
/// </summary>
/// <param name="Kind">Random draws or a grid.</param>
/// <param name="Runs">Random: number of draws. Grid: values per dimension (w_1, lambda, r; lambda and r shared by the tasks).</param>
/// <param name="Seed">Seed of the random draws.</param>
/// <param name="Weight">Range of w_1.</param>
/// <param name="Lambda">Range of lambda_t.</param>
/// <param name="Ratio">Range of r_t (MTA-F's head-to-shared ratio).</param>
/// <param name="Conditional">Null: a model per method, setting and repetition. Otherwise one loss-conditional model per
/// method and repetition, with (w_1, lambda_t, r_t) drawn per batch and scored at every setting (<c>sweep.conditional</c>;
/// two tasks).</param>
public sealed record MultiTaskSweepSpec(
    SweepKind Kind, int Runs, int Seed, ValueRange Weight, ValueRange Lambda, ValueRange Ratio, ConditionalSpec? Conditional = null)
{
    /// <summary>The variables of a conditional model of two tasks, as a sweep over their ranges: w_1, then lambda and r
    /// of each task (<c>lambda_&lt;task&gt;</c>, <c>ratio_&lt;task&gt;</c>).</summary>
    public SweepSpec ConditionVariables(IReadOnlyList<string> tasks) => new(
        new[] { new SweepVariable("w1", new[] { Weight.Low, Weight.High }) }
            .Concat(tasks.Select(task => new SweepVariable("lambda_" + task, new[] { Lambda.Low, Lambda.High })))
            .Concat(tasks.Select(task => new SweepVariable("ratio_" + task, new[] { Ratio.Low, Ratio.High })))
            .ToArray(),
        EquatableArray<int>.Empty,
        Conditional: Conditional);
}

/// <summary>How sweep settings are chosen.</summary>
public enum SweepKind
{
    /// <summary>Uniform draws in each range.</summary>
    Random,

    /// <summary>Evenly spaced values of each range, all combinations.</summary>
    Grid,
}

/// <summary>A closed range [Low, High] of a swept value.</summary>
public sealed record ValueRange(double Low, double High);

/// <summary>Training of every run.</summary>
/// <param name="Optimizer">The optimiser.</param>
/// <param name="BatchSize">Rows per mini-batch.</param>
/// <param name="Epochs">Epoch budget.</param>
/// <param name="Selection">Which epoch's weights are evaluated: the one with the lowest validation task loss (default),
/// or the last one (every epoch trained, no selection: the MTA-F authors' protocol; the FairMT kind always).</param>
/// <param name="Engine">The engine that trains the networks (native unless declared).</param>
/// <param name="Reduction">How the routed methods' losses are reduced over a batch: means (default), or sums as the MTA-F
/// authors' code takes them (a task's cross-entropy summed over its rows, a fairness loss times the rows it is
/// computed on).</param>
public sealed record ComparisonTrainingSpec(
    OptimizerSpec Optimizer,
    int BatchSize,
    int Epochs,
    EpochChoice Selection = EpochChoice.BestEpoch,
    TrainingEngine Engine = TrainingEngine.Native,
    LossReduction Reduction = LossReduction.Mean);

/// <summary>How a comparison's losses are reduced over the rows of a batch.</summary>
public enum LossReduction
{
    /// <summary>Means: a task's loss over its labelled rows, a fairness loss as defined (a batch statistic).</summary>
    Mean,

    /// <summary>Sums: a task's loss summed over its labelled rows, a fairness loss times the number of rows it is
    /// computed on (the MTA-F authors' code: <c>reduce_sum</c> of the per-row cross-entropies, and of the loss broadcast
    /// to its rows).</summary>
    Sum,
}

/// <summary>Which epoch of a comparison unit's training is evaluated.</summary>
public enum EpochChoice
{
    /// <summary>The epoch with the lowest validation task loss (its weights restored).</summary>
    BestEpoch,

    /// <summary>The last epoch of the budget.</summary>
    LastEpoch,
}
