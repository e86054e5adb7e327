package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.CrmHealth;
import dev.leakproof.core.LeakType;
import dev.leakproof.core.Segment;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans every account: CRM fields, contracts fitted to the planned leaks (clean accounts sometimes
 * get a renewed predecessor contract or churned long ago), workspaces, and the usage and seat
 * profiles that make the planned usage and seat leaks happen and keep clean accounts clean.
 */
final class AccountPlanner {

  private final GeneratorConfig config;
  private final LocalDate asOf;
  private final YearMonth asOfMonth;
  private final ContractFitter fitter;
  private final ContractFactory factory;
  private final UsageProfiles usage;

  AccountPlanner(GeneratorConfig config) {
    this.config = config;
    this.asOf = config.asOf();
    this.asOfMonth = YearMonth.from(asOf);
    this.fitter = new ContractFitter(asOf);
    this.factory = new ContractFactory(asOf);
    this.usage = new UsageProfiles(config);
  }

  List<AccountPlan> plan() {
    List<EnumSet<LeakType>> leaks = LeakAssigner.assign(config.accounts(), config.seed());
    List<AccountPlan> plans = new ArrayList<>(config.accounts());
    int contractNo = 0;
    int wsBase = 0;
    for (int i = 0; i < config.accounts(); i++) {
      AccountPlan a = new AccountPlan(i, leaks.get(i));
      SplittableRandom rng = Mix.rng(config.seed(), Mix.ACCOUNT, i);
      double s = rng.nextDouble();
      a.segment = s < 0.5 ? Segment.SMB : s < 0.85 ? Segment.MID : Segment.ENTERPRISE;
      a.name = name(i, rng);
      a.csmEmail = "csm" + (1 + rng.nextInt(12)) + "@example.com";
      double scenario = rng.nextDouble();
      boolean churned = a.clean() && scenario < 0.05;
      boolean renewed = a.clean() && !churned && scenario < 0.17;
      ContractFitter.Term term = fitter.pick(rng, a.planned, churned);
      while (term == null) {
        a.planned.removeIf(LeakAssigner.SIGNALS::contains);
        term = fitter.pick(rng, a.planned, churned);
      }
      String plan = ContractFactory.planFor(a.segment, rng);
      Contract current = factory.current(contractId(++contractNo), a, plan, term, a.planned, rng);
      if (renewed) {
        Contract previous = factory.predecessor(contractId(contractNo), current, rng);
        a.contracts = List.of(previous, renumbered(current, contractId(++contractNo)));
      } else {
        a.contracts = List.of(current);
      }
      a.lastContact = lastContact(a, rng);
      a.health = health(a, rng);
      a.wsBase = wsBase;
      a.wsCount = switch (a.segment) {
        case SMB -> 1 + rng.nextInt(2);
        case MID -> 1 + rng.nextInt(3);
        case ENTERPRISE -> 2 + rng.nextInt(2);
      };
      wsBase += a.wsCount;
      usage.shape(a, rng);
      seats(a, rng);
      plans.add(a);
    }
    return plans;
  }

  static String contractId(int n) {
    return Mix.padded("CTR-", n, 5);
  }

  private static String name(int i, SplittableRandom rng) {
    String company = Catalog.COMPANY[rng.nextInt(Catalog.COMPANY.length)];
    String trade = Catalog.TRADE[rng.nextInt(Catalog.TRADE.length)];
    String nick = i % 17 == 16 ? " \"" + Catalog.TRADE[rng.nextInt(Catalog.TRADE.length)] + "\"" : "";
    return company + nick + " " + trade + Catalog.SUFFIX[rng.nextInt(Catalog.SUFFIX.length)];
  }

  private static Contract renumbered(Contract c, String id) {
    return new Contract(id, c.accountId(), c.planId(), c.priceVersion(), c.startDate(), c.endDate(),
        c.seatsLicensed(), c.seatUnitPrice(), c.currency(), c.annualUpliftPct(), c.discountPct(),
        c.discountEndDate(), c.autoBillOverages(), c.autoRenew(), c.championName(), c.technicalScope(),
        c.closedRateNote());
  }

  /** Recent contact when a renewal is near, unless renewal_at_risk is planned; otherwise any. */
  private LocalDate lastContact(AccountPlan a, SplittableRandom rng) {
    if (a.planned.contains(LeakType.RENEWAL_AT_RISK)) {
      return rng.nextBoolean() ? null : asOf.minusDays(35 + rng.nextInt(200));
    }
    if (fitter.inRenewalWindow(a.current().endDate())) {
      return asOf.minusDays(rng.nextInt(21));
    }
    double u = rng.nextDouble();
    return u < 0.15 ? null : u < 0.5 ? asOf.minusDays(31 + rng.nextInt(370)) : asOf.minusDays(rng.nextInt(30));
  }

  private static CrmHealth health(AccountPlan a, SplittableRandom rng) {
    double u = rng.nextDouble();
    double green = a.clean() ? 0.6 : 0.4;
    double yellow = a.clean() ? 0.9 : 0.8;
    return u < green ? CrmHealth.GREEN : u < yellow ? CrmHealth.YELLOW : CrmHealth.RED;
  }

  /** Months with active users above the licence: planned for seat leaks, sometimes billed right. */
  private void seats(AccountPlan a, SplittableRandom rng) {
    Contract c = a.current();
    YearMonth lastClosed = asOfMonth.minusMonths(1);
    int licensed = c.seatsLicensed();
    if (a.planned.contains(LeakType.SEAT_TRUE_UP)) {
      YearMonth to = max(c.startMonth(), lastClosed.minusMonths(rng.nextInt(2)));
      a.exceedFrom = max(c.startMonth(), to.minusMonths(1 + rng.nextInt(4)));
      a.exceedTo = to;
      a.exceedSeats = Math.max(1, (int) Math.round(licensed * (0.1 + 0.25 * rng.nextDouble())));
    } else if (a.planned.contains(LeakType.EXPANSION_OPPORTUNITY)) {
      a.exceedFrom = max(c.startMonth(), lastClosed.minusMonths(rng.nextInt(3)));
      a.exceedTo = asOfMonth;
      a.exceedSeats = Math.max(1, (int) Math.round(licensed * (0.1 + 0.3 * rng.nextDouble())));
    } else if (c.autoBillOverages() && !a.planned.contains(LeakType.MISSING_INVOICE)
        && rng.nextDouble() < 0.25 && !c.startMonth().isAfter(lastClosed)) {
      a.exceedFrom = c.startMonth().plusMonths(rng.nextInt((int) Math.max(1,
          c.startMonth().until(lastClosed, java.time.temporal.ChronoUnit.MONTHS) + 1)));
      a.exceedTo = a.exceedFrom.plusMonths(rng.nextInt(4));
      a.exceedSeats = Math.max(1, (int) Math.round(licensed * (0.04 + 0.12 * rng.nextDouble())));
    }
  }

  private static YearMonth max(YearMonth a, YearMonth b) {
    return a.isAfter(b) ? a : b;
  }
}
