// A discretion benchmark table as the Guangdong model prints it [GD art. 6, GD-A1]: the starting weight, then
// each factor with its levels (numeric ones with their [from, to) bands, GD art. 23) and the weight each
// adds, in percent of the statutory maximum. Admins edit a table in the structured editor (TableEditor.tsx);
// the server checks it and stores the next version.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/ui.tsx';
import { TableEditor } from './TableEditor.tsx';
import { sourceText } from '../../components/citation.ts';
import type { DiscretionTableList, FactorLevel, StoredTable } from '@ecoenforce/contract';

type T = (key: string, o?: Record<string, unknown>) => string;
const band = (l: FactorLevel, t: T): string => (l.from === undefined ? '' : l.to === null || l.to === undefined ? t('catalogue.bandFrom', { from: l.from }) : t('catalogue.bandFromTo', { from: l.from, to: l.to }));

export function DiscretionTables({ list, writer, onSaved }: { list: DiscretionTableList; writer: boolean; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [id, setId] = useState(list.items[0]?.id ?? '');
  const selected = list.items.find((x) => x.id === id) ?? list.items[0];
  return (
    <Section title={t('catalogue.tables')} testId="discretion-tables">
      <div className="filters">
        <label>
          {t('catalogue.table')}{' '}
          <select value={selected?.id ?? ''} onChange={(e) => setId(e.target.value)} data-testid="table-select">
            {list.items.map((x) => <option key={x.id} value={x.id}>{x.table.label[lang]} · {t('catalogue.versionN', { n: x.version })}</option>)}
          </select>
        </label>
      </div>
      {selected !== undefined && <TableView stored={selected} />}
      {writer && selected !== undefined && <TableEditor key={`${selected.id}@${selected.version}`} stored={selected} onSaved={onSaved} />}
    </Section>
  );
}

function TableView({ stored }: { stored: StoredTable }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const x = stored.table;
  return (
    <>
      <dl className="facts">
        <dt>{t('catalogue.tableName')}</dt><dd data-testid="table-label">{x.label[lang]}</dd>
        <dt>{t('catalogue.version')}</dt><dd>{t('catalogue.versionN', { n: stored.version })}</dd>
        <dt>{t('catalogue.appliesTo')}</dt><dd>{x.matterCodes.join(', ')}</dd>
        <dt>{t('catalogue.start')}</dt><dd data-testid="table-start">{x.start.weight} % <span className="muted">({sourceText(x.start.source, i18n.language)})</span></dd>
        {x.floorPercent > 0 && <><dt>{t('catalogue.floor')}</dt><dd>{x.floorPercent} %</dd></>}
        <dt>{t('catalogue.source')}</dt><dd>{sourceText(x.source, i18n.language)}</dd>
      </dl>
      <p className="muted">{t('catalogue.tableRule')}</p>
      <div className="table-wrap">
        <table data-testid="table-factors">
          <thead>
            <tr>
              <th scope="col">{t('catalogue.factor')}</th><th scope="col">{t('catalogue.levelCol')}</th><th scope="col">{t('catalogue.band')}</th>
              <th scope="col">{t('catalogue.weight')}</th><th scope="col">{t('catalogue.source')}</th>
            </tr>
          </thead>
          <tbody>
            {x.factors.flatMap((f) =>
              f.levels.map((l, i) => (
                <tr key={`${f.key}.${l.key}`} data-testid="table-level" data-factor={f.key} data-level={l.key}>
                  {i === 0 && <th scope="row" rowSpan={f.levels.length} style={{ whiteSpace: 'normal' }}>{f.label[lang]}{f.unit === undefined ? '' : ` (${t(`fineForm.units.${f.unit}`, { defaultValue: f.unit })})`}</th>}
                  <td>{l.label[lang]}</td>
                  <td>{band(l, t)}</td>
                  <td data-testid="table-weight">{l.weight} %</td>
                  {i === 0 && <td rowSpan={f.levels.length} className="muted" style={{ whiteSpace: 'normal' }}>{sourceText(f.source, i18n.language)}</td>}
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
