# Computes the R reference values for test/engine/stats/*.test.ts and writes values.json
# next to this script. Run from anywhere:
#   Rscript test/engine/stats/reference/make-reference.R
# Needs R >= 4.0 with the survival and jsonlite packages
# (Debian/Ubuntu: apt-get install r-base-core r-cran-survival r-cran-jsonlite).
# The tests themselves never need R: they read values.json.
#
# Every case stores its input vectors, the R code that produced the expected
# values (`code`, evaluated verbatim by this script) and a `source` line.
# Expected values that R reports as NA / NaN / Inf, or where R stops with an
# error, are written as null.

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(file_arg)) dirname(normalizePath(file_arg)) else getwd()

RV <- paste0("R ", getRversion())
SV <- paste0("survival ", packageVersion("survival"))

fin <- function(x) { x <- as.numeric(x); ifelse(is.finite(x), x, NA_real_) }
# decimal-clean numbers, so the JSON text round-trips to the same doubles
dec <- function(x, d) as.numeric(sprintf(paste0("%.", d, "f"), x))

run <- function(code) {
  env <- new.env(parent = globalenv())
  eval(parse(text = code), envir = env)
  env
}

# ---------------------------------------------------------------- paired ----
PAIRED_CODE <- paste(
  "d <- after - before",
  "tt <- tryCatch(t.test(after, before, paired = TRUE, conf.level = confidence), error = function(e) NULL)",
  "wp <- wilcox.test(after, before, paired = TRUE, exact = FALSE, correct = TRUE)$p.value",
  "dz <- if (is.null(tt)) NA else mean(d) / sd(d)   # Cohen's dz, reported only when the t-test is defined",
  sep = "\n")

paired_case <- function(name, source, data_code, confidence = 0.95) {
  code <- paste0(data_code, "\nconfidence <- ", confidence, "\n", PAIRED_CODE)
  e <- run(code)
  tt <- e$tt
  list(
    name = name,
    source = paste0(RV, " ", source),
    code = code,
    input = list(after = I(e$after), before = I(e$before), confidence = confidence),
    expected = list(
      n = length(e$d),
      meanBefore = fin(mean(e$before)), meanAfter = fin(mean(e$after)), meanDiff = fin(mean(e$d)),
      ciLow = if (is.null(tt)) NA else fin(tt$conf.int[1]),
      ciHigh = if (is.null(tt)) NA else fin(tt$conf.int[2]),
      t = if (is.null(tt)) NA else fin(tt$statistic),
      df = if (is.null(tt)) NA else fin(tt$parameter),
      p = if (is.null(tt)) NA else fin(tt$p.value),
      cohenDz = fin(e$dz),
      wilcoxonP = fin(e$wp)))
}

SLEEP <- paste(
  "after  <- with(datasets::sleep, extra[group == '2'][order(ID[group == '2'])])",
  "before <- with(datasets::sleep, extra[group == '1'][order(ID[group == '1'])])", sep = "\n")

set.seed(20240601)
big_before <- sample(1:5, 400, replace = TRUE, prob = c(.05, .15, .4, .3, .1))
big_after <- pmin(5, pmax(1, big_before + sample(-1:2, 400, replace = TRUE, prob = c(.15, .45, .3, .1))))
big_sb <- dec(rnorm(3000, 3.4, 0.6), 2)
big_sa <- dec(big_sb + rnorm(3000, 0.05, 0.5), 2)

vec <- function(x) paste0("c(", paste(format(x, digits = 15, trim = TRUE), collapse = ", "), ")")

paired <- list(
  paired_case("sleep", "t.test(after, before, paired=TRUE) and wilcox.test(after, before, paired=TRUE, exact=FALSE, correct=TRUE) on datasets::sleep (extra, group 2 vs group 1, paired by ID)", SLEEP),
  paired_case("sleep-90", "t.test(after, before, paired=TRUE, conf.level=0.90) and wilcox.test(..., paired=TRUE, exact=FALSE, correct=TRUE) on datasets::sleep (extra, group 2 vs group 1, paired by ID)", SLEEP, 0.90),
  paired_case("ties-and-zeros", "t.test/wilcox.test(paired=TRUE, exact=FALSE, correct=TRUE) on hand-made vectors with tied and zero differences",
    "after  <- c(5, 6, 7, 7, 8, 4, 6, 9, 5, 7, 3, 6)\nbefore <- c(4, 6, 5, 8, 6, 4, 5, 7, 5, 5, 4, 6)"),
  paired_case("symmetric", "t.test/wilcox.test(paired=TRUE, exact=FALSE, correct=TRUE) on hand-made vectors whose differences are symmetric (V = n(n+1)/4, so z = 0)",
    "after  <- c(2, 1, 5, 1)\nbefore <- c(1, 2, 3, 3)"),
  paired_case("float-differences", "t.test/wilcox.test(paired=TRUE, exact=FALSE, correct=TRUE) on decimals whose differences are 0.2 only up to rounding (t-test stops: data are essentially constant; ranks see no ties)",
    "after  <- c(0.3, 0.6, 1.0, 0.9)\nbefore <- c(0.1, 0.4, 0.8, 0.7)"),
  paired_case("one-pair", "t.test (stops: not enough observations) and wilcox.test(paired=TRUE, exact=FALSE, correct=TRUE) on a single pair",
    "after  <- c(4)\nbefore <- c(3)"),
  paired_case("ratings-400", "t.test/wilcox.test(paired=TRUE, exact=FALSE, correct=TRUE) on 400 simulated 1-5 ratings (set.seed(20240601); heavy ties and zeros)",
    paste0("after  <- ", vec(big_after), "\nbefore <- ", vec(big_before))),
  paired_case("scores-3000-90", "t.test/wilcox.test(paired=TRUE, exact=FALSE, correct=TRUE, conf.level=0.90) on 3000 simulated survey scores rounded to 2 decimals (set.seed(20240601))",
    paste0("after  <- ", vec(big_sa), "\nbefore <- ", vec(big_sb)), 0.90)
)

# ----------------------------------------------------------------- welch ----
WELCH_CODE <- paste(
  "tt <- tryCatch(t.test(x, y, conf.level = confidence), error = function(e) NULL)   # Welch",
  "mw <- wilcox.test(x, y, exact = FALSE, correct = TRUE)$p.value",
  "n1 <- length(x); n2 <- length(y)",
  "ss <- function(v) sum((v - mean(v))^2)   # (n - 1) * var(v), also 0 for a single value",
  "sp <- sqrt((ss(x) + ss(y)) / (n1 + n2 - 2))   # pooled SD",
  "g <- if (n1 + n2 > 2 && sp > 10 * .Machine$double.eps * max(abs(mean(x)), abs(mean(y)))) (mean(x) - mean(y)) / sp * (1 - 3 / (4 * (n1 + n2) - 9)) else NA",
  sep = "\n")

welch_case <- function(name, source, data_code, confidence = 0.95) {
  code <- paste0(data_code, "\nconfidence <- ", confidence, "\n", WELCH_CODE)
  e <- run(code)
  tt <- e$tt
  list(
    name = name,
    source = paste0(RV, " ", source),
    code = code,
    input = list(x = I(e$x), y = I(e$y), confidence = confidence),
    expected = list(
      n1 = length(e$x), n2 = length(e$y),
      mean1 = fin(mean(e$x)), mean2 = fin(mean(e$y)), diff = fin(mean(e$x) - mean(e$y)),
      ciLow = if (is.null(tt)) NA else fin(tt$conf.int[1]),
      ciHigh = if (is.null(tt)) NA else fin(tt$conf.int[2]),
      t = if (is.null(tt)) NA else fin(tt$statistic),
      df = if (is.null(tt)) NA else fin(tt$parameter),
      p = if (is.null(tt)) NA else fin(tt$p.value),
      hedgesG = fin(e$g),
      mannWhitneyP = fin(e$mw)))
}

MT <- "x <- datasets::mtcars$mpg[datasets::mtcars$am == 1]\ny <- datasets::mtcars$mpg[datasets::mtcars$am == 0]"
big_x <- dec(rnorm(1500, 3.3, 0.8), 1)
big_y <- dec(rnorm(2500, 3.1, 0.9), 1)

welch <- list(
  welch_case("mtcars-mpg-am", "t.test(x, y) (Welch) and wilcox.test(x, y, exact=FALSE, correct=TRUE) on datasets::mtcars mpg, am == 1 vs am == 0 (tied values)", MT),
  welch_case("mtcars-mpg-am-90", "t.test(x, y, conf.level=0.90) (Welch) and wilcox.test(x, y, exact=FALSE, correct=TRUE) on datasets::mtcars mpg, am == 1 vs am == 0", MT, 0.90),
  welch_case("toothgrowth-supp", "t.test(x, y) (Welch) and wilcox.test(x, y, exact=FALSE, correct=TRUE) on datasets::ToothGrowth len, supp OJ vs VC",
    "x <- with(datasets::ToothGrowth, len[supp == 'OJ'])\ny <- with(datasets::ToothGrowth, len[supp == 'VC'])"),
  welch_case("iris-setosa-versicolor", "t.test(x, y) (Welch) and wilcox.test(x, y, exact=FALSE, correct=TRUE) on datasets::iris Sepal.Length, setosa vs versicolor (very small p)",
    "x <- with(datasets::iris, Sepal.Length[Species == 'setosa'])\ny <- with(datasets::iris, Sepal.Length[Species == 'versicolor'])"),
  welch_case("constant-y", "t.test(x, y) (Welch) and wilcox.test(x, y, exact=FALSE, correct=TRUE) on hand-made vectors, y constant",
    "x <- c(1, 2, 3)\ny <- c(2, 2, 2, 2)"),
  welch_case("single-x", "t.test (stops: not enough 'x' observations) and wilcox.test(x, y, exact=FALSE, correct=TRUE) with one x value",
    "x <- c(5)\ny <- c(1, 2, 3, 4)"),
  welch_case("scores-1500-2500", "t.test(x, y) (Welch) and wilcox.test(x, y, exact=FALSE, correct=TRUE) on simulated scores rounded to 1 decimal (set.seed(20240601); many ties)",
    paste0("x <- ", vec(big_x), "\ny <- ", vec(big_y)))
)

# --------------------------------------------------------- kaplan-meier ----
KM_CODE <- paste(
  "fit <- survfit(Surv(time, event) ~ 1, conf.type = 'log', conf.int = confidence)",
  "s <- summary(fit, times = horizons, extend = TRUE)",
  sep = "\n")

km_case <- function(name, source, data_code, horizons, confidence = 0.95) {
  code <- paste0(data_code, "\nhorizons <- ", vec(horizons), "\nconfidence <- ", confidence, "\n", KM_CODE)
  e <- run(code)
  s <- e$s; f <- e$fit
  list(
    name = name,
    source = paste0(RV, ", ", SV, " ", source),
    code = code,
    note = "summary(..., extend = TRUE) carries the last survival forward past the last observed time (n.risk 0); the engine reports null there instead.",
    input = list(time = I(e$time), event = I(e$event), horizons = I(horizons), confidence = confidence),
    expected = list(
      points = lapply(seq_along(s$time), function(i) list(
        days = s$time[i], survival = fin(s$surv[i]), lower = fin(s$lower[i]),
        upper = fin(s$upper[i]), atRisk = s$n.risk[i])),
      curve = list(time = I(f$time), nRisk = I(f$n.risk), nEvent = I(f$n.event), nCensor = I(f$n.censor),
                   survival = I(fin(f$surv)), lower = I(fin(f$lower)), upper = I(fin(f$upper)))))
}

km_time <- dec(pmin(rexp(2000, 1 / 900), 1500), 0) + 1
km_cens <- dec(runif(2000, 100, 1600), 0)
km_event <- as.integer(km_time <= km_cens)
km_time2 <- pmin(km_time, km_cens)

kaplanMeier <- list(
  km_case("aml", "summary(survfit(Surv(time, status) ~ 1), times = horizons, extend = TRUE) on survival::aml",
    "time <- survival::aml$time\nevent <- survival::aml$status", c(5, 10, 20, 48, 100, 200)),
  km_case("aml-90", "summary(survfit(Surv(time, status) ~ 1, conf.int = 0.90), times = horizons, extend = TRUE) on survival::aml",
    "time <- survival::aml$time\nevent <- survival::aml$status", c(5, 10, 20, 48, 100, 200), 0.90),
  km_case("aml-maintained", "summary(survfit(Surv(time, status) ~ 1), times = horizons, extend = TRUE) on survival::aml, x == 'Maintained'",
    "time <- with(survival::aml, time[x == 'Maintained'])\nevent <- with(survival::aml, status[x == 'Maintained'])", c(10, 30, 60, 161, 200)),
  km_case("aml-nonmaintained", "summary(survfit(Surv(time, status) ~ 1), times = horizons, extend = TRUE) on survival::aml, x == 'Nonmaintained'",
    "time <- with(survival::aml, time[x == 'Nonmaintained'])\nevent <- with(survival::aml, status[x == 'Nonmaintained'])", c(10, 30, 45, 60)),
  km_case("ovarian", "summary(survfit(Surv(futime, fustat) ~ 1), times = horizons, extend = TRUE) on survival::ovarian",
    "time <- survival::ovarian$futime\nevent <- survival::ovarian$fustat", c(182, 365, 730, 1000, 1500)),
  km_case("lung", "summary(survfit(Surv(time, status - 1) ~ 1), times = horizons, extend = TRUE) on survival::lung (status 2 = dead)",
    "time <- survival::lung$time\nevent <- survival::lung$status - 1", c(182, 365, 730, 1100)),
  km_case("all-events", "summary(survfit(Surv(time, event) ~ 1), times = horizons, extend = TRUE) on hand-made data where everyone has the event (survival reaches 0: R gives NA bounds)",
    "time <- c(1, 2, 3)\nevent <- c(1, 1, 1)", c(0.5, 2, 3, 4)),
  km_case("all-censored", "summary(survfit(Surv(time, event) ~ 1), times = horizons, extend = TRUE) on hand-made data where everyone is censored",
    "time <- c(1, 2, 3)\nevent <- c(0, 0, 0)", c(0.5, 2, 3, 4)),
  km_case("simulated-2000", "summary(survfit(Surv(time, event) ~ 1), times = horizons, extend = TRUE) on 2000 simulated integer day counts (set.seed(20240601); many tied times)",
    paste0("time <- ", vec(km_time2), "\nevent <- ", vec(km_event)), c(182, 365, 730))
)

# ------------------------------------------------------------- log-rank ----
LR_CODE <- paste(
  "fit <- survdiff(Surv(time, event) ~ group)",
  "df <- sum(fit$exp > 0) - 1   # degrees of freedom as print.survdiff counts them",
  "p <- 1 - pchisq(fit$chisq, df)",
  sep = "\n")

lr_case <- function(name, source, data_code) {
  code <- paste0(data_code, "\n", LR_CODE)
  e <- run(code)
  list(
    name = name,
    source = paste0(RV, ", ", SV, " ", source),
    code = code,
    input = list(time = I(e$time), event = I(e$event), group = I(e$group)),
    expected = list(chisq = fin(e$fit$chisq), df = e$df, p = fin(e$p),
                    pUpperTail = fin(pchisq(e$fit$chisq, e$df, lower.tail = FALSE))))
}

lr_group <- sample(c("A", "B", "C"), 2000, replace = TRUE)
lr_time <- dec(ifelse(lr_group == "A", km_time2 * 1.3, km_time2), 0)

logRank <- list(
  lr_case("aml-x", "survdiff(Surv(time, status) ~ x) on survival::aml",
    "time <- survival::aml$time\nevent <- survival::aml$status\ngroup <- as.character(survival::aml$x)"),
  lr_case("ovarian-rx", "survdiff(Surv(futime, fustat) ~ rx) on survival::ovarian",
    "time <- survival::ovarian$futime\nevent <- survival::ovarian$fustat\ngroup <- survival::ovarian$rx"),
  lr_case("lung-sex", "survdiff(Surv(time, status - 1) ~ sex) on survival::lung",
    "time <- survival::lung$time\nevent <- survival::lung$status - 1\ngroup <- survival::lung$sex"),
  lr_case("lung-ecog-4-groups", "survdiff(Surv(time, status - 1) ~ ph.ecog) on survival::lung without the row where ph.ecog is NA (4 groups, one of size 1)",
    "keep <- !is.na(survival::lung$ph.ecog)\ntime <- survival::lung$time[keep]\nevent <- survival::lung$status[keep] - 1\ngroup <- survival::lung$ph.ecog[keep]"),
  lr_case("group-without-expected", "survdiff(Surv(time, event) ~ group) on hand-made data where group C is censored before the first event (expected 0, so df drops to 1)",
    "time <- c(1, 2, 3, 4, 5, 2, 3, 6, 7, 8, 0.5, 0.5)\nevent <- c(1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0)\ngroup <- c('A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'C', 'C')"),
  lr_case("simulated-3-groups", "survdiff(Surv(time, event) ~ group) on 2000 simulated integer day counts in 3 groups (set.seed(20240601))",
    paste0("time <- ", vec(lr_time), "\nevent <- ", vec(km_event), "\ngroup <- c(", paste0("'", lr_group, "'", collapse = ", "), ")"))
)

# ------------------------------------------------------------ prop.test ----
prop_case <- function(name, k1, n1, k2, n2, confidence = 0.95, note = "") {
  code <- sprintf("pt <- suppressWarnings(prop.test(c(%s, %s), c(%s, %s), correct = FALSE, conf.level = %s))", k1, k2, n1, n2, confidence)
  e <- run(code)
  pt <- e$pt
  list(
    name = name,
    source = paste0(RV, " prop.test(c(k1, k2), c(n1, n2), correct=FALSE) on hand-made counts", note),
    code = code,
    input = list(k1 = k1, n1 = n1, k2 = k2, n2 = n2, confidence = confidence),
    expected = list(n1 = n1, k1 = k1, n2 = n2, k2 = k2,
                    p1 = fin(pt$estimate[1]), p2 = fin(pt$estimate[2]), diff = fin(pt$estimate[1] - pt$estimate[2]),
                    ciLow = fin(pt$conf.int[1]), ciHigh = fin(pt$conf.int[2]),
                    chisq = fin(pt$statistic), p = fin(pt$p.value)))
}

propTest <- list(
  prop_case("basic", 15, 50, 25, 50),
  prop_case("smokers", 83, 86, 90, 93, note = " (the smokers example from ?prop.test, first two groups)"),
  prop_case("basic-90", 15, 50, 25, 50, 0.90),
  prop_case("unequal-n", 412, 480, 1650, 2100),
  prop_case("clipped-ci", 1, 2, 9, 10, note = " (lower CI bound clipped to -1)"),
  prop_case("all-retained", 5, 5, 5, 5, note = " (every count a success: the chi-squared is NaN in R)"),
  prop_case("none-retained-one-group", 0, 7, 3, 9)
)

# --------------------------------------------------------------- p.adjust ----
holm_case <- function(name, p, note = "") {
  code <- paste0("adj <- p.adjust(", vec(p), ", method = 'holm')")
  e <- run(code)
  list(name = name, source = paste0(RV, " p.adjust(p, 'holm') on hand-made p-values", note), code = code,
       input = list(p = I(p)), expected = list(adjusted = I(fin(e$adj))))
}

holm <- list(
  holm_case("ties-and-cap", c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5)),
  holm_case("with-na", c(0.01, NA, 0.02, 0.3), " (NA kept; n = number of non-NA p-values)"),
  holm_case("single", c(0.03)),
  holm_case("tiny", c(1e-12, 3e-8, 0.049, 0.0125))
)

out <- list(
  generatedBy = paste0(RV, ", ", SV, ", jsonlite ", packageVersion("jsonlite"), " by test/engine/stats/reference/make-reference.R"),
  paired = paired, welch = welch, kaplanMeier = kaplanMeier, logRank = logRank,
  propTest = propTest, holm = holm)

writeLines(toJSON(out, digits = NA, na = "null", auto_unbox = TRUE, pretty = FALSE),
           file.path(out_dir, "values.json"))
cat("wrote", file.path(out_dir, "values.json"), "\n")
