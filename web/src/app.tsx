// Routes of the one app: the vendor console and the partner portal share it; the
// navigation and the screens offered depend on the role. Screens load on demand, so
// the first screen ships only what it needs (ECharts only where a chart is drawn).
import { useEffect } from 'preact/hooks';
import { ErrorBoundary, lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { Layout } from './components/Layout';
import { EmptyState } from './components/ui';
import { Login, safeNext } from './Login';
import { useI18n } from './lib/i18n';
import { isVendor, useSession } from './lib/session';

const Dashboard = lazy(() => import('./console/Dashboard'));
const PartnersList = lazy(() => import('./console/PartnersList'));
const Partner360 = lazy(() => import('./console/Partner360'));
const Duplicates = lazy(() => import('./console/Duplicates'));
const ImportWizard = lazy(() => import('./console/ImportWizard'));
const Admin = lazy(() => import('./console/Admin'));
const MyCompany = lazy(() => import('./portal/MyCompany'));
const Settings = lazy(() => import('./Settings'));

export function NotFound() {
  const { t } = useI18n();
  return (
    <EmptyState heading title={t('ui.page_not_found')}>
      <a href="/">{t('ui.go_home')}</a>
    </EmptyState>
  );
}

/** Signed in while on /login: go where the login form was asked to return to. */
function AfterLogin({ home }: { home: string }) {
  const { query } = useLocation();
  return <Redirect to={safeNext(query.next) ?? home} />;
}

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}

function SignedIn() {
  const vendor = isVendor();
  return (
    <Layout>
      <ErrorBoundary>
        {vendor ? (
          <Router>
            <Route path="/" component={Dashboard} />
            <Route path="/partners" component={PartnersList} />
            <Route path="/partners/:id/:tab?" component={Partner360} />
            <Route path="/duplicates" component={Duplicates} />
            <Route path="/import" component={ImportWizard} />
            <Route path="/admin/:section?" component={Admin} />
            <Route path="/settings" component={Settings} />
            <Route path="/login" component={() => <AfterLogin home="/" />} />
            <Route default component={NotFound} />
          </Router>
        ) : (
          <Router>
            <Route path="/" component={() => <Redirect to="/company" />} />
            <Route path="/company/:tab?" component={MyCompany} />
            <Route path="/settings" component={Settings} />
            <Route path="/login" component={() => <AfterLogin home="/company" />} />
            <Route default component={NotFound} />
          </Router>
        )}
      </ErrorBoundary>
    </Layout>
  );
}

/** Not signed in: every path shows the login form, which returns to that path. */
function SignedOut() {
  const { path, url, route } = useLocation();
  const { expired } = useSession();
  useEffect(() => {
    if (path !== '/login') route(`/login?next=${encodeURIComponent(url)}`, true);
  }, [path]);
  return <Login expired={expired} />;
}

function Root() {
  const { me } = useSession();
  useI18n();
  return me ? <SignedIn /> : <SignedOut />;
}

export function App() {
  return (
    <LocationProvider>
      <Root />
    </LocationProvider>
  );
}
