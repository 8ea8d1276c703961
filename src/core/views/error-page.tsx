import type { FieldErrors } from '../http/errors';
import type { ViewContext } from './context';
import { ErrorSummary } from './form';
import { Layout } from './layout';

const headings: Record<number, string> = {
  400: 'De aanvraag klopt niet',
  401: 'Meld u aan',
  403: 'Geen toegang',
  404: 'Pagina niet gevonden',
  409: 'Dit kan nu niet',
  413: 'Te groot',
  422: 'De gegevens kloppen niet',
  429: 'Even geduld',
  500: 'Er ging iets mis',
  503: 'Even niet beschikbaar',
};

export function ErrorPage({
  ctx,
  status,
  message,
  fieldErrors,
}: {
  ctx: ViewContext;
  status: number;
  message: string;
  fieldErrors?: FieldErrors | undefined;
}) {
  const title = headings[status] ?? 'Er ging iets mis';
  return (
    <Layout ctx={ctx} title={title} narrow>
      <h1>{title}</h1>
      <ErrorSummary errors={fieldErrors} />
      <p class="lead">{message}</p>
      <p>
        <a href={ctx.principal ? '/home' : '/'}>Naar de startpagina</a>
        {status === 403 || status === 404 ? <> of zoek verder via het menu.</> : null}
      </p>
      {status >= 500 && (
        <p>
          Probeer het over enkele ogenblikken opnieuw. Blijft het probleem, neem dan contact op met uw
          aanspreekpersoon.
        </p>
      )}
    </Layout>
  );
}
