import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useT } from '#app/components/i18n.tsx';
import { isUuid } from '#app/lib/api.server.ts';
import { orThrowResponse } from '#app/lib/forms.server.ts';
import { getPublicProfile } from '#app/services/organizations.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.org.name ?? ''} · 科技成果转化平台` }];

export const loader = async ({ params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const org = await orThrowResponse(getPublicProfile(params.id));
  return { org: { ...org, verifiedAt: org.verifiedAt?.toISOString() ?? null, createdAt: org.createdAt.toISOString() } };
};

export default function PublicOrg() {
  const { org } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel" aria-labelledby="public-org-title">
      <h1 id="public-org-title">{org.name}</h1>
      {org.nameEn ? <p lang="en">{org.nameEn}</p> : null}
      <dl className="facts">
        <dt>{t('form.orgKind')}</dt>
        <dd>{t(`kind.${org.kind}`)}</dd>
        <dt>{t('org.status')}</dt>
        <dd>
          <span className={`badge ${org.status}`}>{t(`status.${org.status}`)}</span>
        </dd>
        <dt>{t('org.region')}</dt>
        <dd>{org.regionName}</dd>
        {org.website ? (
          <>
            <dt>{t('org.website')}</dt>
            <dd>
              <a href={org.website} rel="noopener noreferrer nofollow">
                {org.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {org.description ? <p>{org.description}</p> : null}
    </section>
  );
}
