# R reference values for the results (per cohort, per segment, Likert items),
# computed from the committed demo exports in sample-data/ and written to
# reference.json next to this script. Run from anywhere:
#   Rscript test/engine/analysis/make-reference.R
# Needs R >= 4.0 with survival and jsonlite
# (Debian/Ubuntu: apt-get install r-base-core r-cran-survival r-cran-jsonlite).
# The tests (test/engine/analysis/analysis-*.test.ts) never need R: they read reference.json.
#
# This is an independent implementation of the analysis definitions in base R: it reads the
# CSVs itself, builds the groups, measurement windows and survival times, and calls
# t.test / wilcox.test / survfit / survdiff / prop.test / p.adjust. Every case in the
# JSON names the result it checks (`path` in the analyze JSON), the R code that
# produced the expected values (`code`, evaluated verbatim by this script in an
# environment holding the prepared data) and the expected numbers. R's NA / NaN
# become null.

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(file_arg)) dirname(normalizePath(file_arg)) else getwd()
sample_dir <- normalizePath(file.path(here, "..", "..", "..", "sample-data"))

RV <- paste0("R ", getRversion(), ", survival ", packageVersion("survival"))

# ------------------------------------------------------------- settings ----
# The engine's config for these values (test/engine/analysis/analysis-reference.test.ts uses the same).
CONFIG <- list(
  preDays = 365, postStartDays = 180, postEndDays = 545, horizonsDays = c(182, 365, 730),
  minGroupSize = 5, confidence = 0.95,
  survey = list(scaleMin = 1, scaleMax = 5, reverseItems = "ENG6"),
  segmentBy = c("department", "job_level"))
AS_OF <- as.Date("2025-09-30")
pre <- CONFIG$preDays; ps <- CONFIG$postStartDays; pe <- CONFIG$postEndDays
conf <- CONFIG$confidence; horizons <- CONFIG$horizonsDays
smin <- CONFIG$survey$scaleMin; smax <- CONFIG$survey$scaleMax; reversed <- CONFIG$survey$reverseItems

# ----------------------------------------------------------- the exports ----
rd <- function(f) read.csv(file.path(sample_dir, f), colClasses = "character", check.names = FALSE, na.strings = c("", "NA"))
hris <- rd("hris_export.csv")
people <- data.frame(
  id = hris[["Employee ID"]], hire = as.Date(hris[["Hire Date"]]), term = as.Date(hris[["Termination Date"]]),
  department = hris[["Department"]], job_level = hris[["Job Level"]], stringsAsFactors = FALSE)
ros <- rd("program_roster.csv")
roster <- data.frame(id = ros[["Employee ID"]], role = tolower(ros[["Role"]]), cohort = ros[["Cohort"]],
                     start = as.Date(ros[["Start Date"]]), stringsAsFactors = FALSE)
sv <- rd("engagement_survey.csv")
survey <- data.frame(rid = sv[["Response ID"]], id = sv[["Employee ID"]], d = as.Date(substr(sv[["Submitted At"]], 1, 10)),
                     item = sv[["Question"]], score = as.numeric(sv[["Score"]]), stringsAsFactors = FALSE)
survey$recoded <- ifelse(survey$item %in% reversed, smin + smax - survey$score, survey$score)
pr <- rd("performance_reviews.csv")
perf <- data.frame(id = pr[["Employee ID"]], d = as.Date(pr[["Review Date"]], format = "%m/%d/%Y"),
                   v = as.numeric(pr[["Overall Rating"]]), stringsAsFactors = FALSE)

# One value per person and day (several on a day count as their mean); a survey
# response's score is the mean of its items with reversed items flipped.
daily_mean <- function(id, d, v) {
  key <- paste(id, d)
  m <- tapply(v, key, mean)
  first <- !duplicated(key)
  data.frame(id = id[first], d = d[first], v = unname(m[key[first]]), stringsAsFactors = FALSE)
}
resp <- aggregate(recoded ~ rid + id + d, data = survey, FUN = mean)
daily <- list(
  survey = daily_mean(resp$id, resp$d, resp$recoded),
  performance = daily_mean(perf$id, perf$d, perf$v))

# ------------------------------------------------------------ the groups ----
mentees <- roster[roster$role == "mentee", ]
cohort_start <- tapply(mentees$start, mentees$cohort, min)
cohorts <- data.frame(cohort = names(cohort_start), start = as.Date(unname(cohort_start), origin = "1970-01-01"), stringsAsFactors = FALSE)
cohorts <- cohorts[order(cohorts$start, cohorts$cohort), ]
cohorts$ck <- seq_len(nrow(cohorts)) - 1
active <- function(hire, term, at) hire <= at & (is.na(term) | term > at)
never_rostered <- people[!(people$id %in% roster$id), ]

# Headline groups: participants at their earliest start; comparison at the
# earliest cohort start at which they were employed.
part_idx <- tapply(mentees$start, mentees$id, min)
head_part <- data.frame(id = names(part_idx), idx = as.Date(unname(part_idx), origin = "1970-01-01"), grp = 1, stringsAsFactors = FALSE)
comp_idx <- sapply(seq_len(nrow(never_rostered)), function(i) {
  ok <- cohorts$start[active(never_rostered$hire[i], never_rostered$term[i], cohorts$start)]
  if (length(ok)) as.numeric(min(ok)) else NA_real_
})
head_comp <- data.frame(id = never_rostered$id, idx = as.Date(comp_idx, origin = "1970-01-01"), grp = 2, stringsAsFactors = FALSE)
head_comp <- head_comp[!is.na(head_comp$idx), ]
headline <- rbind(head_part, head_comp)
headline$ck <- 0
headline$key <- headline$id

# Per cohort: the cohort's mentees at their own start in it; as comparison the
# never-rostered people employed on the cohort's start, indexed there.
by_cohort <- do.call(rbind, lapply(seq_len(nrow(cohorts)), function(k) {
  c <- cohorts[k, ]
  m <- mentees[mentees$cohort == c$cohort, ]
  pidx <- tapply(m$start, m$id, min)
  p <- data.frame(id = names(pidx), idx = as.Date(unname(pidx), origin = "1970-01-01"), grp = 1, stringsAsFactors = FALSE)
  q <- never_rostered[active(never_rostered$hire, never_rostered$term, c$start), ]
  q <- data.frame(id = q$id, idx = rep(c$start, nrow(q)), grp = rep(2, nrow(q)), stringsAsFactors = FALSE)
  g <- rbind(p, q)
  g$ck <- c$ck
  g
}))
by_cohort$key <- paste(by_cohort$ck, by_cohort$id)

# Before = latest value in [idx - pre, idx); after = earliest in [idx + postStart, idx + postEnd].
measure <- function(groups, dv) {
  m <- merge(groups, dv, by = "id")
  b <- m[m$d >= m$idx - pre & m$d < m$idx, ]
  b <- b[order(b$key, -as.numeric(b$d)), ]
  b <- b[!duplicated(b$key), c("key", "v")]
  a <- m[m$d >= m$idx + ps & m$d <= m$idx + pe, ]
  a <- a[order(a$key, as.numeric(a$d)), ]
  a <- a[!duplicated(a$key), c("key", "v")]
  names(a)[2] <- "after"; names(b)[2] <- "before"
  out <- merge(merge(groups, a, by = "key"), b, by = "key", all.x = TRUE)
  out$change <- out$after - out$before
  out
}
meas <- list(
  headline = lapply(daily, function(dv) measure(headline, dv)),
  cohort = lapply(daily, function(dv) measure(by_cohort, dv)))

# Survival: days from index to termination (event) or the as-of date, people active at index.
survival_rows <- function(groups) {
  s <- merge(groups, unique(people[, c("id", "hire", "term")]), by = "id")
  s <- s[active(s$hire, s$term, s$idx), ]
  s$time <- as.numeric(s$term - s$idx)
  s$time[is.na(s$term)] <- as.numeric(AS_OF - s$idx[is.na(s$term)])
  s$event <- as.integer(!is.na(s$term))
  s$eligible <- s$idx <= AS_OF - 365
  s$stayed <- !(s$event == 1 & s$time <= 365)
  s
}
surv <- list(headline = survival_rows(headline), cohort = survival_rows(by_cohort))

# Segment attributes of the headline groups.
attr_of <- function(ids, col) people[[col]][match(ids, people$id)]

# ---------------------------------------------------- the R calls we check ----
fin <- function(x) { x <- as.numeric(x); ifelse(is.finite(x), x, NA_real_) }
num <- function(x) unname(as.numeric(x))

paired_r <- function(after, before) {
  d <- after - before
  tt <- t.test(after, before, paired = TRUE, conf.level = conf)
  list(n = length(d), meanBefore = mean(before), meanAfter = mean(after), meanDiff = mean(d),
       ciLow = tt$conf.int[1], ciHigh = tt$conf.int[2], t = num(tt$statistic), df = num(tt$parameter),
       p = tt$p.value, cohenDz = mean(d) / sd(d),
       wilcoxonP = suppressWarnings(wilcox.test(after, before, paired = TRUE, exact = FALSE, correct = TRUE)$p.value))
}
welch_r <- function(x, y) {
  tt <- t.test(x, y, conf.level = conf)
  n1 <- length(x); n2 <- length(y)
  sp <- sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / (n1 + n2 - 2))
  list(n1 = n1, n2 = n2, mean1 = mean(x), mean2 = mean(y), diff = mean(x) - mean(y),
       ciLow = tt$conf.int[1], ciHigh = tt$conf.int[2], t = num(tt$statistic), df = num(tt$parameter),
       p = tt$p.value, hedgesG = (mean(x) - mean(y)) / sp * (1 - 3 / (4 * (n1 + n2) - 9)),
       mannWhitneyP = suppressWarnings(wilcox.test(x, y, exact = FALSE, correct = TRUE)$p.value))
}
prop_r <- function(s) {
  e <- s[s$eligible, ]
  n1 <- sum(e$grp == 1); k1 <- sum(e$grp == 1 & e$stayed)
  n2 <- sum(e$grp == 2); k2 <- sum(e$grp == 2 & e$stayed)
  pt <- prop.test(c(k1, k2), c(n1, n2), correct = FALSE, conf.level = conf)
  list(n1 = n1, k1 = k1, n2 = n2, k2 = k2, p1 = num(pt$estimate[1]), p2 = num(pt$estimate[2]),
       diff = num(pt$estimate[1] - pt$estimate[2]), ciLow = pt$conf.int[1], ciHigh = pt$conf.int[2],
       chisq = num(pt$statistic), p = pt$p.value)
}
km_r <- function(s) {
  fit <- survfit(Surv(time, event) ~ 1, data = s, conf.type = "log", conf.int = conf)
  sm <- summary(fit, times = horizons, extend = TRUE)
  lapply(seq_along(sm$time), function(i) {
    gone <- sm$n.risk[i] == 0   # the engine reports null where no one is left at risk
    list(days = sm$time[i], survival = if (gone) NA else sm$surv[i], lower = if (gone) NA else sm$lower[i],
         upper = if (gone) NA else sm$upper[i], atRisk = sm$n.risk[i])
  })
}
# Each group's CI of the mean (one-sample t interval), for the engine's per-group CIs on `comparison`.
group_ci_r <- function(x, y) {
  ci <- function(v) tryCatch(t.test(v, conf.level = conf)$conf.int, error = function(e) c(NA, NA))
  a <- ci(x); b <- ci(y)
  list(ciLow1 = a[1], ciHigh1 = a[2], ciLow2 = b[1], ciHigh2 = b[2])
}
# Each group's mean before and after over the people with both (x: one group's rows with both).
group_means_r <- function(x, y) {
  m <- function(g) list(n = nrow(g), before = mean(g$before), after = mean(g$after))
  list(groupMeans = list(participants = m(x), comparison = m(y)))
}
# The full Kaplan-Meier step curve, cut before the first time with fewer than minGroupSize at risk.
km_curve_r <- function(s) {
  fit <- survfit(Surv(time, event) ~ 1, data = s, conf.type = "log", conf.int = conf)
  low <- which(fit$n.risk < CONFIG$minGroupSize)
  i <- seq_len(if (length(low)) low[1] - 1 else length(fit$time))
  list(n = fit$n, time = I(fit$time[i]), nRisk = I(fit$n.risk[i]), nEvent = I(fit$n.event[i]), nCensor = I(fit$n.censor[i]),
       survival = I(fit$surv[i]), lower = I(fit$lower[i]), upper = I(fit$upper[i]))
}
logrank_r <- function(s) {
  fit <- survdiff(Surv(time, event) ~ grp, data = s)
  list(chisq = fit$chisq, df = length(fit$n) - 1, p = pchisq(fit$chisq, length(fit$n) - 1, lower.tail = FALSE))
}

# ---------------------------------------------------------------- cases ----
env <- new.env()
for (nm in c("meas", "surv", "cohorts", "headline", "by_cohort", "survey", "people", "attr_of", "paired_r", "welch_r",
             "prop_r", "km_r", "logrank_r", "group_ci_r", "group_means_r", "km_curve_r", "CONFIG", "smin", "smax", "reversed", "pre", "ps", "pe", "conf"))
  assign(nm, get(nm), envir = env)

cases <- list()
add <- function(path, code, note = NULL) {
  value <- tryCatch(suppressWarnings(eval(parse(text = code), envir = env)), error = function(e) {
    note <<- paste0("R stops: ", conditionMessage(e)); NULL })
  cases[[length(cases) + 1]] <<- c(list(path = path, code = code), if (!is.null(note)) list(note = note), list(expected = value))
}

# Headline: the fields the charts need (the headline tests themselves are checked by ../shared/oracle).
for (kind in c("survey", "performance")) {
  m <- sprintf("meas$headline$%s", kind)
  add(sprintf("outcomes.%s.comparison", kind),
      sprintf("x <- %s; c(welch_r(x$after[x$grp == 1], x$after[x$grp == 2]), group_ci_r(x$after[x$grp == 1], x$after[x$grp == 2]))", m))
  add(sprintf("outcomes.%s.did", kind),
      sprintf("x <- %s; x <- x[!is.na(x$change), ]; c(welch_r(x$change[x$grp == 1], x$change[x$grp == 2]), group_means_r(x[x$grp == 1, ], x[x$grp == 2, ]))", m))
}
add("outcomes.retention.curves.participants", "s <- surv$headline; km_curve_r(s[s$grp == 1, ])")
add("outcomes.retention.curves.comparison", "s <- surv$headline; km_curve_r(s[s$grp == 2, ])")

# Per cohort.
for (k in seq_len(nrow(cohorts))) {
  ck <- cohorts$ck[k]
  base <- sprintf("byCohort[%d]", ck)
  add(base, sprintf("g <- by_cohort[by_cohort$ck == %d, ]\nlist(cohort = %s, startDate = %s, participants = sum(g$grp == 1), comparison = sum(g$grp == 2))",
                    ck, deparse(cohorts$cohort[k]), deparse(format(cohorts$start[k]))))
  for (kind in c("survey", "performance")) {
    m <- sprintf("meas$cohort$%s", kind)
    sel <- sprintf("%s[%s$ck == %d & %%s, ]", m, m, ck)
    p <- sprintf(sel, sprintf("%s$grp == 1", m))
    c <- sprintf(sel, sprintf("%s$grp == 2", m))
    add(sprintf("%s.outcomes.%s.beforeAfter", base, kind),
        sprintf("x <- %s; x <- x[!is.na(x$before), ]; paired_r(x$after, x$before)", p))
    add(sprintf("%s.outcomes.%s.comparison", base, kind),
        sprintf("c(welch_r(%s$after, %s$after), group_ci_r(%s$after, %s$after))", p, c, p, c))
    add(sprintf("%s.outcomes.%s.did", base, kind),
        sprintf("x <- %s; y <- %s; x <- x[!is.na(x$change), ]; y <- y[!is.na(y$change), ]; c(welch_r(x$change, y$change), group_means_r(x, y))", p, c))
  }
  s <- sprintf("surv$cohort[surv$cohort$ck == %d, ]", ck)
  add(sprintf("%s.outcomes.retention.rate12m", base), sprintf("prop_r(%s)", s))
  add(sprintf("%s.outcomes.retention.km.participants", base), sprintf("s <- %s; km_r(s[s$grp == 1, ])", s))
  add(sprintf("%s.outcomes.retention.km.comparison", base), sprintf("s <- %s; km_r(s[s$grp == 2, ])", s))
  add(sprintf("%s.outcomes.retention.logrank", base), sprintf("logrank_r(%s)", s))
}

# Per segment: headcounts, 12-month retention and difference-in-differences per value.
for (attr in CONFIG$segmentBy) {
  values <- sort(unique(attr_of(headline$id, attr)), na.last = TRUE)
  for (v in values) {
    lit <- if (is.na(v)) "NA" else deparse(v)
    sel <- function(tab) {
      if (is.na(v)) sprintf("%s[is.na(attr_of(%s$id, '%s')), ]", tab, tab, attr)
      else sprintf("%s[%s(attr_of(%s$id, '%s') == %s), ]", tab, "which", tab, attr, lit)
    }
    base <- sprintf("segments[attribute=%s][value=%s]", attr, if (is.na(v)) "null" else v)
    add(base, sprintf("h <- %s; list(participants = sum(h$grp == 1), comparison = sum(h$grp == 2))", sel("headline")))
    add(paste0(base, ".rate12m"), sprintf("prop_r(%s)", sel("surv$headline")))
    for (kind in c("survey", "performance")) {
      add(sprintf("%s.%sDid", base, kind),
          sprintf("x <- %s; x <- x[!is.na(x$change), ]; c(welch_r(x$change[x$grp == 1], x$change[x$grp == 2]), group_means_r(x[x$grp == 1, ], x[x$grp == 2, ]))",
                  sel(sprintf("meas$headline$%s", kind))))
    }
  }
}

# Likert items. `people` per level (distinct people) is not in the engine's output: the tests use it to
# check which levels the privacy rule must withhold.
ITEM_CODE <- paste(
  "pop <- survey[survey$id %in% headline$id, ]",
  "a <- pop[pop$item == item, ]",
  "r <- ifelse(a$item %in% reversed, smin + smax - a$score, a$score)",
  "all <- list(n = nrow(a), people = length(unique(a$id)), mean = mean(r), top2Box = mean(r >= smax - 1),",
  "            levels = lapply(smin:smax, function(l) list(level = l, count = sum(a$score == l), share = mean(a$score == l),",
"                                                       people = length(unique(a$id[a$score == l])))))",
  "parts <- headline[headline$grp == 1, ]",
  "x <- merge(survey[survey$item == item, ], parts, by = 'id')",
  "bw <- x[x$d >= x$idx - pre & x$d < x$idx, ]; bd <- tapply(bw$d, bw$id, max)",
  "aw <- x[x$d >= x$idx + ps & x$d <= x$idx + pe, ]; ad <- tapply(aw$d, aw$id, min)",
  "b <- bw[bw$d == as.Date(bd[bw$id], origin = '1970-01-01'), ]",
  "f <- aw[aw$d == as.Date(ad[aw$id], origin = '1970-01-01'), ]",
  "dist <- function(z) { rr <- ifelse(z$item %in% reversed, smin + smax - z$score, z$score)",
  "  list(n = nrow(z), people = length(unique(z$id)), mean = mean(rr), top2Box = mean(rr >= smax - 1),",
  "       levels = lapply(smin:smax, function(l) list(level = l, count = sum(z$score == l), share = mean(z$score == l),",
"                                                  people = length(unique(z$id[z$score == l]))))) }",
  "rb <- tapply(ifelse(b$item %in% reversed, smin + smax - b$score, b$score), b$id, mean)",
  "ra <- tapply(ifelse(f$item %in% reversed, smin + smax - f$score, f$score), f$id, mean)",
  "both <- intersect(names(rb), names(ra))",
  "list(all = all, before = dist(b), after = dist(f), beforeAfter = paired_r(unname(ra[both]), unname(rb[both])))",
  sep = "\n")
items <- sort(unique(survey$item))
item_p <- c()
for (it in items) {
  add(sprintf("likert[item=%s]", it), paste0("item <- ", deparse(it), "\n", ITEM_CODE))
  item_p[it] <- cases[[length(cases)]]$expected$beforeAfter$p
}
assign("item_p", item_p, envir = env)
add("likert[*].pHolm", "as.list(p.adjust(item_p, method = 'holm'))",
    paste0("item_p = each item's beforeAfter p-value from the likert[item=...] cases (names = items): ",
           paste(sprintf("%s=%.17g", names(item_p), item_p), collapse = ", ")))

# R's NA / NaN / Inf -> null
na_to_null <- function(x) {
  if (is.list(x)) return(lapply(x, na_to_null))
  if (length(x) == 1 && (is.na(x) || (is.numeric(x) && !is.finite(x)))) return(NA)
  x
}
out <- list(
  generatedBy = paste0(RV, ", jsonlite ", packageVersion("jsonlite"), " by test/engine/analysis/make-reference.R"),
  data = "sample-data/{hris_export,program_roster,engagement_survey,performance_reviews}.csv, people as of 2025-09-30",
  asOf = format(AS_OF),
  config = CONFIG,
  helpers = paste(
    c("paired_r <- ", deparse(paired_r), "welch_r <- ", deparse(welch_r), "prop_r <- ", deparse(prop_r),
      "km_r <- ", deparse(km_r), "logrank_r <- ", deparse(logrank_r), "group_ci_r <- ", deparse(group_ci_r),
      "group_means_r <- ", deparse(group_means_r), "km_curve_r <- ", deparse(km_curve_r)), collapse = "\n"),
  cases = lapply(cases, na_to_null))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE), file.path(here, "reference.json"))
cat(sprintf("wrote %d cases to %s\n", length(cases), file.path(here, "reference.json")))
