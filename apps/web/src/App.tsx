// The console shell: who is logged in, the navigation their role allows, and the page for the hash route.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken, setUnauthenticatedHandler } from './api/client.ts';
import type { Me, Principal, Role } from '@ecoenforce/contract';
import { closeLive } from './components/live.ts';
import { Loading } from './components/ui.tsx';
import { switchLanguage } from './i18n/index.ts';
import { go, useRoute } from './router.ts';
import { LoginPage } from './features/login/LoginPage.tsx';
import { MapPage } from './features/map/MapPage.tsx';
import { PointsPage } from './features/points/PointsPage.tsx';
import { PointPage } from './features/points/PointPage.tsx';
import { EnterprisesPage } from './features/enterprises/EnterprisesPage.tsx';
import { EnterprisePage } from './features/enterprises/EnterprisePage.tsx';
import { DevicesPage } from './features/devices/DevicesPage.tsx';
import { FramePage } from './features/frames/FramePage.tsx';
import { AccountPage } from './features/account/AccountPage.tsx';
import { VerifierPage } from './features/account/VerifierPage.tsx';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { WeeklyPage } from './features/reports/WeeklyPage.tsx';
import { MonthlyPage } from './features/reports/MonthlyPage.tsx';
import { WarningsPage } from './features/warnings/WarningsPage.tsx';
import { MarkingsPage } from './features/markings/MarkingsPage.tsx';
import { RiskPage } from './features/risk/RiskPage.tsx';
import { SpecialPeriodsPage } from './features/rules/SpecialPeriods.tsx';
import { CataloguePage } from './features/catalogue/CataloguePage.tsx';
import { DispatchPage } from './features/dispatch/DispatchPage.tsx';
import { CasesPage } from './features/cases/CasesPage.tsx';
import { StatsPage } from './features/stats/StatsPage.tsx';
import { CasePage } from './features/cases/CasePage.tsx';
import { DrawsPage } from './features/draws/DrawsPage.tsx';
import { TypicalPage } from './features/typical/TypicalPage.tsx';
import { PublicSite } from './features/public/PublicSite.tsx';
import { RectificationPage } from './features/rectification/RectificationPage.tsx';
import { MyDocumentsPage } from './features/service/MyDocumentsPage.tsx';
import { InspectionPage } from './features/inspection/InspectionPage.tsx';
import { forgetFieldCopies } from './features/inspection/forget.ts';
import { setPlatformClock } from './components/clock.ts';
import { UsersPage } from './features/admin/UsersPage.tsx';
import { TokensPage } from './features/admin/TokensPage.tsx';
import { ImportPage } from './features/admin/ImportPage.tsx';
import { OverviewPage } from './features/overview/OverviewPage.tsx';
import { NotificationsPage } from './features/notifications/NotificationsPage.tsx';
import { NotificationBell } from './features/notifications/NotificationBell.tsx';

/** Pages the shell renders; any other hash shows "not found" (keep in step with the page switch below). */
const KNOWN = new Set(['map', 'points', 'enterprises', 'enterprise', 'devices', 'frames', 'account', 'assigned', 'audit', 'warnings', 'weekly', 'monthly', 'markings', 'risk', 'special-periods', 'catalogue', 'dispatch', 'cases', 'rectifications', 'draws', 'typical', 'stats', 'documents', 'users', 'tokens', 'imports', 'overview', 'notifications']);
const BUREAU: Role[] = ['officer', 'dispatcher', 'analyst', 'legalReviewer', 'head', 'admin'];
/** Pages that show one thing: without an id (#/frames) they are "not found" too, not an empty page. */
const NEEDS_ID = new Set(['enterprise', 'frames', 'markings']);

export interface NavEntry { page: string; label: string; href: string }
export interface NavGroup { id: string; label: string; entries: NavEntry[] }

/**
 * Navigation per role, in groups (monitoring, reports, enforcement, publication, system): what the API lets
 * the role see (access.ts on the server). A bureau user has some twenty pages; flat, they were hard to scan.
 */
export function navGroupsFor(user: Principal): NavGroup[] {
  const entry = (page: string, label: string, href = `#/${page}`): NavEntry => ({ page, label, href });
  if (BUREAU.includes(user.role)) {
    const enforcement = [entry('dispatch', 'dispatch.nav')];
    // cases.read on the server (access.ts): the staff who take part in cases.
    if (['officer', 'dispatcher', 'legalReviewer', 'head'].includes(user.role)) enforcement.push(entry('cases', 'cases.nav'));
    // draws.read: every bureau role.
    enforcement.push(entry('draws', 'draws.nav'), entry('rectifications', 'rectification.nav'), entry('catalogue', 'catalogue.nav'));
    const groups: NavGroup[] = [
      { id: 'monitoring', label: 'navGroup.monitoring', entries: [entry('map', 'nav.map'), entry('points', 'nav.points'), entry('enterprises', 'nav.enterprises'), entry('devices', 'nav.devices'), entry('warnings', 'nav.warnings'), entry('special-periods', 'specialPeriods.nav')] },
      { id: 'reports', label: 'navGroup.reports', entries: [...(user.role === 'head' ? [entry('overview', 'overview.nav')] : []), entry('weekly', 'nav.weekly'), entry('monthly', 'nav.monthly'), entry('risk', 'nav.risk'), entry('stats', 'stats.nav')] },
      { id: 'enforcement', label: 'navGroup.enforcement', entries: enforcement },
      // publication.read: every bureau role.
      { id: 'publication', label: 'navGroup.publication', entries: [entry('typical', 'typical.nav')] },
    ];
    if (user.role === 'head') groups.push({ id: 'system', label: 'navGroup.system', entries: [entry('audit', 'nav.audit')] });
    // users.manage, tokens.manage, registry.write: the system's keeper.
    if (user.role === 'admin') groups.push({ id: 'system', label: 'navGroup.system', entries: [entry('users', 'admin.usersNav'), entry('tokens', 'admin.tokensNav'), entry('imports', 'admin.importNav'), entry('audit', 'nav.audit')] });
    return groups;
  }
  if (user.role === 'enterprise' && user.enterpriseId !== null) {
    return [{
      id: 'enterprise', label: 'navGroup.enterprise', entries: [
        entry('enterprise', 'nav.myEnterprise', `#/enterprises/${user.enterpriseId}`),
        entry('points', 'nav.points'),
        entry('warnings', 'nav.warnings'),
        entry('markings', 'nav.markings', `#/markings/${user.enterpriseId}`),
        entry('rectifications', 'rectification.mine'),
        entry('documents', 'service.nav'),
      ],
    }];
  }
  return [{ id: 'verification', label: 'navGroup.verification', entries: [entry('assigned', 'nav.assigned')] }];
}

/** The role's navigation entries in display order. */
export function navFor(user: Principal): NavEntry[] {
  return navGroupsFor(user).flatMap((g) => g.entries);
}

export function App() {
  const { t } = useTranslation();
  const [user, setUser] = useState<Principal | null | undefined>(undefined);
  const [menuOpen, setMenuOpen] = useState(false);
  const route = useRoute();

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      closeLive();
      setUser(null);
    });
    api<Me>('/api/auth/me').then(
      (r) => {
        setCsrfToken(r.csrfToken);
        setPlatformClock(r.clock);
        setUser(r.user);
      },
      () => setUser(null),
    );
  }, []);
  useEffect(() => setMenuOpen(false), [route.page, route.id]);
  // The public site (issue 5 §9) needs no login: it renders whatever the session check says.
  if (route.page === 'public') return <PublicSite />;
  // The field page stands alone: it must open offline, before (and without) the session check.
  if (route.page === 'inspect' && route.id !== null) return <InspectionPage taskId={route.id} />;

  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <LoginPage
        onLogin={(u, csrf) => {
          setCsrfToken(csrf);
          setUser(u);
          go(navFor(u)[0]!.href.slice(1));
        }}
      />
    );
  }

  const nav = navFor(user);
  const page = route.page === '' ? nav[0]!.page : route.page;
  async function logout(): Promise<void> {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    closeLive();
    // The offline checklists name enterprises and outlets: the next user of this device must not read them.
    await forgetFieldCopies().catch(() => undefined);
    setUser(null);
  }

  return (
    <div className="shell">
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t('app.skip')}</a>
      <header className="top">
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)} data-testid="menu-button">
          {t('app.menu')}
        </button>
        <strong className="brand">{t('app.name')}</strong>
        <span className="who" data-testid="who">
          {user.displayName} · {t(`roles.${user.role}`)} · {user.regionName}
        </span>
        <button type="button" className="link" onClick={switchLanguage} aria-label={t('user.languageLabel')} data-testid="lang-switch">{t('user.language')}</button>
        <NotificationBell live={user.role !== 'verifier'} />
        <a href="#/account" data-testid="nav-account">{t('nav.account')}</a>
        <button type="button" className="link" onClick={() => void logout()} data-testid="logout">{t('user.logout')}</button>
      </header>
      <nav id="nav" className={menuOpen ? 'nav open' : 'nav'} aria-label={t('app.menu')}>
        {navGroupsFor(user).map((g) => (
          <section key={g.id} className="nav-group" aria-labelledby={`nav-group-${g.id}`}>
            <h2 id={`nav-group-${g.id}`}>{t(g.label)}</h2>
            {g.entries.map((n) => (
              <a key={n.href} href={n.href} aria-current={page === n.page || location.hash === n.href ? 'page' : undefined} data-testid={`nav-${n.page}`}>{t(n.label)}</a>
            ))}
            {g.id === 'system' && user.role === 'admin' && <a href="/api/docs" data-testid="nav-api">{t('nav.api')}</a>}
          </section>
        ))}
      </nav>
      <main id="main" tabIndex={-1} className="main">
        {page === 'map' && <MapPage />}
        {page === 'overview' && <OverviewPage />}
        {page === 'notifications' && <NotificationsPage live={user.role !== 'verifier'} />}
        {page === 'users' && <UsersPage />}
        {page === 'tokens' && <TokensPage />}
        {page === 'imports' && <ImportPage />}
        {page === 'points' && route.id === null && <PointsPage />}
        {page === 'points' && route.id !== null && <PointPage key={`${route.id}?${route.query.toString()}`} id={route.id} query={route.query} />}
        {page === 'enterprises' && route.id === null && <EnterprisesPage />}
        {(page === 'enterprises' || page === 'enterprise') && route.id !== null && <EnterprisePage id={route.id} role={user.role} />}
        {page === 'devices' && <DevicesPage />}
        {page === 'frames' && route.id !== null && <FramePage id={route.id} />}
        {page === 'account' && <AccountPage />}
        {page === 'assigned' && <VerifierPage />}
        {page === 'audit' && <AuditPage />}
        {page === 'weekly' && <WeeklyPage />}
        {page === 'monthly' && <MonthlyPage />}
        {page === 'risk' && <RiskPage />}
        {page === 'special-periods' && <SpecialPeriodsPage />}
        {page === 'catalogue' && <CataloguePage />}
        {page === 'dispatch' && <DispatchPage role={user.role} ownRegion={user.regionCode} id={route.id} query={route.query} />}
        {page === 'cases' && route.id === null && <CasesPage query={route.query} />}
        {page === 'stats' && <StatsPage />}
        {page === 'cases' && route.id !== null && <CasePage key={route.id} id={route.id} />}
        {page === 'draws' && <DrawsPage role={user.role} id={route.id} />}
        {page === 'typical' && <TypicalPage role={user.role} />}
        {page === 'documents' && <MyDocumentsPage />}
        {page === 'rectifications' && <RectificationPage role={user.role} id={route.id} query={route.query} />}
        {(!KNOWN.has(page) || (NEEDS_ID.has(page) && route.id === null)) && (
          <p role="alert" data-testid="not-found">
            {t('app.notFound')} <a href={nav[0]!.href}>{t('app.home')}</a>
          </p>
        )}
        {page === 'warnings' && <WarningsPage role={user.role} id={route.id} query={route.query} />}
        {page === 'markings' && route.id !== null && <MarkingsPage enterpriseId={route.id} role={user.role} />}
      </main>
    </div>
  );
}
